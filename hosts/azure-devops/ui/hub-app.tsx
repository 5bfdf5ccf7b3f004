import 'azure-devops-ui/Core/override.css';
import './hub.css';
import { AzureDevOpsHub } from './azure-devops-hub';
import { mountExtensionPage } from './extension-page-mount';
import { createSdkHubHost } from './sdk-hub-host';

/** The hub's entry (Organization settings → Extensions → Exalate). */
mountExtensionPage(() => <AzureDevOpsHub host={createSdkHubHost()} />);

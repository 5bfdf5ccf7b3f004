import 'azure-devops-ui/Core/override.css';
import './work-item.css';
import { mountExtensionPage } from './extension-page-mount';
import { createSdkWorkItemHost } from './sdk-work-item-host';
import { WorkItemGroup } from './work-item-group';

/** The work item form group "Exalate" (`ms.vss-work-web.work-item-form-group`): the work item's twins and their actions. */
mountExtensionPage(() => <WorkItemGroup host={createSdkWorkItemHost()} />);

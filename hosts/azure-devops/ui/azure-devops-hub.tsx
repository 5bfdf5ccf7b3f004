import { Header, TitleSize } from 'azure-devops-ui/Header';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Page } from 'azure-devops-ui/Page';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { Surface, SurfaceBackground } from 'azure-devops-ui/Surface';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { wizardLabels } from '../../console-kit/browser-core';
import { useConnections } from '../../console-kit/use-connections';
import { useInstance } from '../../console-kit/use-instance';
import { useWizardLauncher } from '../../console-kit/use-wizard-launcher';
import { consolePages, type ConsolePage } from '../../console-kit/console-words';
import { createHttpTransport } from '../../console-kit/http-transport';
import { createConsoleClient, type ConsoleClient } from '../../console-kit/operation-client';
import { ConnectionsTab } from './connections-tab';
import { ErrorsTab } from './errors-tab';
import { chooseNodeUrl, type HubHost } from './hub-host';
import { settingsPageName } from './hub-words';
import { SettingsTab } from './settings-tab';
import { SyncQueueTab } from './sync-queue-tab';
import { TriggersTab } from './triggers-tab';
import { WizardPanel } from './wizard-panel';

/** The console as an Azure DevOps hub: one node URL per organization, every call with the SDK's app token. */
export function AzureDevOpsHub({ host }: { readonly host: HubHost }) {
  const [nodeUrl, setNodeUrl] = useState<string | null | undefined>(undefined);
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    // Only the URL this admin saved is called; the organization's copy is a suggestion (chooseNodeUrl).
    Promise.all([host.readNodeUrl(), host.readSuggestedNodeUrl()]).then(
      ([own, suggested]) => {
        const choice = chooseNodeUrl(own, suggested);
        setSuggestion(choice.suggestion);
        setNodeUrl(choice.nodeUrl);
      },
      (error: unknown) => {
        setFailure(`The node URL could not be read from the extension's settings: ${error instanceof Error ? error.message : String(error)}`);
        setNodeUrl(null);
      },
    );
  }, [host]);
  const save = useCallback(
    async (url: string) => {
      try {
        await host.saveNodeUrl(url);
        setNodeUrl(url);
        setSuggestion(null);
        return null;
      } catch (error) {
        return `The node URL was not saved: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    [host],
  );
  const client = useMemo(
    () =>
      nodeUrl
        ? createConsoleClient(createHttpTransport({ adminApi: `${nodeUrl}/api/v1`, authorization: async () => `Bearer ${await host.appToken()}` }))
        : null,
    [host, nodeUrl],
  );
  return (
    <Surface background={SurfaceBackground.neutral}>
      <Page className="exalate-hub flex-grow">
        {nodeUrl === undefined ? (
          <div className="page-content page-content-top">
            <Spinner size={SpinnerSize.large} label="Loading Exalate" />
          </div>
        ) : client === null ? (
          <>
            <Header title="Exalate" titleSize={TitleSize.Large} description={`${settingsPageName(host.isServer)} · ${host.organization}`} />
            <div className="page-content page-content-top">
              {failure === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{failure}</MessageCard>}
              <SettingsTab nodeUrl={null} suggestion={suggestion} instance={null} onSave={save} isServer={host.isServer} extensionId={host.extensionId} />
            </div>
          </>
        ) : (
          <ConnectedHub
            client={client}
            organization={host.organization}
            isServer={host.isServer}
            extensionId={host.extensionId}
            nodeUrl={nodeUrl ?? ''}
            onSave={save}
          />
        )}
      </Page>
    </Surface>
  );
}

function ConnectedHub({
  client,
  organization,
  isServer,
  extensionId,
  nodeUrl,
  onSave,
}: {
  readonly client: ConsoleClient;
  readonly organization: string;
  readonly isServer: boolean;
  readonly extensionId: string;
  readonly nodeUrl: string;
  readonly onSave: (url: string) => Promise<string | null>;
}) {
  const [tab, setTab] = useState<ConsolePage>('connections');
  const { view } = useInstance(client);
  const connections = useConnections(client);
  const wizard = useWizardLauncher(client, connections.refresh);
  const instance = view.status === 'loaded' ? view.instance : null;
  return (
    <>
      <Header
        title="Exalate"
        titleSize={TitleSize.Large}
        description={`${settingsPageName(isServer)} · ${organization}`}
        commandBarItems={[
          { id: 'accept', text: wizardLabels.acceptInvitation, disabled: instance === null, onActivate: () => wizard.open('accept') },
          { id: 'initiate', text: wizardLabels.initiateConnection, isPrimary: true, disabled: instance === null, onActivate: () => wizard.open('initiate') },
        ]}
      />
      <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as ConsolePage)} tabSize={TabSize.Tall}>
        {consolePages.map((page) => (
          <Tab key={page.route} id={page.route} name={page.title} />
        ))}
      </TabBar>
      <div className="page-content page-content-top">
        {view.status === 'failed' ? (
          <div className="margin-bottom-16">
            <MessageCard severity={MessageCardSeverity.Error}>{`${view.message} (node: ${nodeUrl})`}</MessageCard>
          </div>
        ) : null}
        {tab === 'connections' ? <ConnectionsTab client={client} connections={connections} /> : null}
        {tab === 'triggers' ? <TriggersTab client={client} connections={connections.connections} /> : null}
        {tab === 'sync-queue' ? <SyncQueueTab client={client} connections={connections.connections} /> : null}
        {tab === 'errors' ? <ErrorsTab client={client} /> : null}
        {tab === 'general-settings' ? (
          <SettingsTab nodeUrl={nodeUrl} instance={instance} onSave={onSave} isServer={isServer} extensionId={extensionId} />
        ) : null}
      </div>
      {wizard.wizard === null || instance === null ? null : <WizardPanel key={wizard.wizard} host={wizard.host} start={() => wizard.start(instance)} />}
    </>
  );
}

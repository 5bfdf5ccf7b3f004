import { useMemo, useState } from 'react';
import { consolePages, type ConsolePage } from '../../console-kit/console-words';
import { createAdminClient } from './admin-client';
import type { ConsoleConfiguration } from './console-configuration';
import { ConsoleHeader } from './console-header';
import { ConsoleTabs, type ConsoleTab } from './console-tabs';
import { ConnectionsTab } from './connections-tab';
import { ErrorsTab } from './errors-tab';
import { GeneralSettingsTab } from './general-settings-tab';
import { SyncQueueTab } from './sync-queue-tab';
import { TriggersTab } from './triggers-tab';
import { useInstance } from '../../console-kit/use-instance';

export interface ConsoleShellProps {
  readonly configuration: ConsoleConfiguration;
  readonly adminToken: string;
  /** A 401 from the node: the token is no longer good. */
  readonly onUnauthorized: () => void;
  readonly onSignOut?: (() => void) | undefined;
}

/** The same tabs, in the same order, as the Jira Cloud and Azure DevOps consoles. */
const tabIds: readonly ConsolePage[] = consolePages.map((page) => page.route);
const tabLabel = (id: ConsolePage) => consolePages.find((page) => page.route === id)?.title ?? id;

/** The tab in the address (`#general-settings`), so a reload or a shared link opens the same tab. */
function tabFromLocation(): ConsolePage {
  const hash = typeof location === 'undefined' ? '' : location.hash.slice(1);
  return tabIds.find((id) => id === hash) ?? 'connections';
}

/** The signed-in console: header, tabs, and the instance every tab needs. */
export function ConsoleShell({ configuration, adminToken, onUnauthorized, onSignOut }: ConsoleShellProps) {
  const client = useMemo(
    () => createAdminClient({ adminApi: configuration.adminApi, adminToken, onUnauthorized }),
    [configuration.adminApi, adminToken, onUnauthorized],
  );
  const { view, reload } = useInstance(client);
  const [tab, setTab] = useState<ConsolePage>(tabFromLocation);
  // Triggers and Sync queue show one connection; moving between them keeps it.
  const [connectionId, setConnectionId] = useState<string | null>(null);

  const select = (id: string) => {
    const next = tabIds.find((candidate) => candidate === id) ?? 'connections';
    setTab(next);
    history.replaceState(null, '', `#${next}`);
  };

  const tabs: readonly ConsoleTab[] =
    view.status === 'loaded' ? tabIds.map((id): ConsoleTab => ({ id, label: tabLabel(id), render: () => renderTab(id) })) : [];
  function renderTab(id: ConsolePage) {
    if (view.status !== 'loaded') return null;
    const tracker = view.instance.tracker;
    switch (id) {
      case 'connections':
        return <ConnectionsTab client={client} instance={view.instance} />;
      case 'triggers':
        return <TriggersTab client={client} tracker={tracker} connectionId={connectionId} onChooseConnection={setConnectionId} />;
      case 'sync-queue':
        return <SyncQueueTab client={client} tracker={tracker} connectionId={connectionId} onChooseConnection={setConnectionId} />;
      case 'errors':
        return <ErrorsTab client={client} tracker={tracker} />;
      case 'general-settings':
        return <GeneralSettingsTab instance={view.instance} />;
    }
  }

  return (
    <div className="console">
      <ConsoleHeader title={configuration.title} tracker={configuration.tracker} onSignOut={onSignOut} />
      <main className="console-main">
        {view.status === 'loading' ? (
          <p className="muted" role="status">
            Loading…
          </p>
        ) : view.status === 'failed' ? (
          <p className="message message-error" role="alert">
            {view.message}{' '}
            <button type="button" className="button-link" onClick={reload}>
              Try again
            </button>
          </p>
        ) : (
          <ConsoleTabs label="Exalate" tabs={tabs} selected={tab} onSelect={select} />
        )}
      </main>
    </div>
  );
}

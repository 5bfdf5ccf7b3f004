import { useMemo, useState } from 'react';
import { createAdminClient } from './admin-client';
import type { ConsoleConfiguration } from './console-configuration';
import { ConsoleHeader } from './console-header';
import { ConsoleTabs, type ConsoleTab } from './console-tabs';
import { ConnectionsTab } from './connections-tab';
import { GeneralSettingsTab } from './general-settings-tab';
import { useInstance } from './use-instance';

export interface ConsoleShellProps {
  readonly configuration: ConsoleConfiguration;
  readonly adminToken: string;
  /** A 401 from the node: the token is no longer good. */
  readonly onUnauthorized: () => void;
  readonly onSignOut?: (() => void) | undefined;
}

const tabIds = ['connections', 'general-settings'] as const;
type TabId = (typeof tabIds)[number];

/** The tab in the address (`#general-settings`), so a reload or a shared link opens the same tab. */
function tabFromLocation(): TabId {
  const hash = typeof location === 'undefined' ? '' : location.hash.slice(1);
  return tabIds.find((id) => id === hash) ?? 'connections';
}

/** The signed-in console: header, tabs, and the instance every tab needs. */
export function ConsoleShell({ configuration, adminToken, onUnauthorized, onSignOut }: ConsoleShellProps) {
  const client = useMemo(() => createAdminClient({ adminApi: configuration.adminApi, adminToken, onUnauthorized }), [configuration.adminApi, adminToken, onUnauthorized]);
  const { view, reload } = useInstance(client);
  const [tab, setTab] = useState<TabId>(tabFromLocation);

  const select = (id: string) => {
    const next = tabIds.find((candidate) => candidate === id) ?? 'connections';
    setTab(next);
    history.replaceState(null, '', `#${next}`);
  };

  const tabs: readonly ConsoleTab[] =
    view.status === 'loaded'
      ? [
          { id: 'connections', label: 'Connections', render: () => <ConnectionsTab client={client} instance={view.instance} /> },
          { id: 'general-settings', label: 'General settings', render: () => <GeneralSettingsTab instance={view.instance} /> },
        ]
      : [];

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

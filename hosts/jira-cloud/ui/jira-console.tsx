import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box } from '@atlaskit/primitives';
import { useMemo } from 'react';
import { useInstance } from '../../console-kit/use-instance';
import type { ConsolePage } from '../../console-kit/console-words';
import { createConsoleClient, type OperationTransport } from '../../console-kit/operation-client';
import { ConnectionsPage } from './connections-page';
import { ErrorsPage } from './errors-page';
import { GeneralSettingsPage } from './general-settings-page';
import { SyncQueuePage } from './sync-queue-page';
import { TriggersPage } from './triggers-page';

/** The console inside Jira's admin page: Jira's sidebar picks the page, this draws it. */
export function JiraConsole({ transport, page }: { readonly transport: OperationTransport; readonly page: ConsolePage }) {
  const client = useMemo(() => createConsoleClient(transport), [transport]);
  const { view } = useInstance(client);
  if (view.status === 'loading') {
    return (
      <Box padding="space.400">
        <Spinner label="Loading Exalate" />
      </Box>
    );
  }
  if (view.status === 'failed') {
    return (
      <Box padding="space.300">
        <SectionMessage appearance="error" title="Exalate could not start">
          {view.message}
        </SectionMessage>
      </Box>
    );
  }
  switch (page) {
    case 'connections':
      return <ConnectionsPage client={client} instance={view.instance} />;
    case 'triggers':
      return <TriggersPage client={client} />;
    case 'sync-queue':
      return <SyncQueuePage client={client} />;
    case 'errors':
      return <ErrorsPage client={client} />;
    case 'general-settings':
      return <GeneralSettingsPage instance={view.instance} />;
  }
}

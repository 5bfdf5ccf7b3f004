import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useState } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useAnswer } from '../../console-kit/use-answer';
import { ConnectionPicker } from './connection-picker';
import { PageFrame } from './page-frame';

/** The sync queue of a connection: counts per state and direction, and what waits, with why. */
export function SyncQueuePage({ client }: { readonly client: ConsoleClient }) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const queue = useAnswer(
    useCallback(
      () => (connection ? client.readQueue(connection.id) : Promise.resolve({ ok: false as const, error: { status: 0, code: 'none', message: '' } })),
      [client, connection],
    ),
  );
  const value = queue.view.status === 'loaded' ? queue.view.value : null;
  const rows = (value?.entries ?? []).map((entry, index) => ({
    key: `${entry.direction}-${entry.itemKey}-${index}`,
    cells: [
      { key: 'item', content: entry.itemKey },
      { key: 'direction', content: entry.direction === 'outbound' ? 'Outgoing' : 'Incoming' },
      { key: 'kind', content: entry.kind },
      {
        key: 'state',
        content: <Lozenge appearance={entry.state === 'in_flight' ? 'inprogress' : 'new'}>{entry.state === 'in_flight' ? 'In flight' : 'Queued'}</Lozenge>,
      },
      { key: 'attempts', content: String(entry.attempts) },
      { key: 'waiting', content: entry.waitingFor },
    ],
  }));
  return (
    <PageFrame
      title="Sync queue"
      actions={
        <Button isDisabled={connection === null} onClick={queue.reload}>
          Refresh
        </Button>
      }
    >
      <ConnectionPicker client={client} chosen={connection} onChoose={setConnection} />
      {queue.view.status === 'failed' && connection !== null ? <SectionMessage appearance="error">{queue.view.message}</SectionMessage> : null}
      {value === null ? null : (
        <Inline space="space.300">
          {(['outbound', 'inbound'] as const).map((direction) => (
            <Text key={direction}>
              <Text weight="bold">{direction === 'outbound' ? 'Outgoing' : 'Incoming'}:</Text> {value.counts[direction].queued} queued,{' '}
              {value.counts[direction].in_flight} in flight, {value.counts[direction].done} done, {value.counts[direction].failed} failed
            </Text>
          ))}
        </Inline>
      )}
      <DynamicTable
        label="Waiting changes"
        head={{ cells: ['Issue', 'Direction', 'Kind', 'State', 'Attempts', 'Waiting for'].map((title) => ({ key: title, content: title })) }}
        rows={rows}
        isLoading={connection !== null && queue.view.status === 'loading'}
        emptyView={<p>Nothing is waiting: every change has crossed.</p>}
      />
    </PageFrame>
  );
}

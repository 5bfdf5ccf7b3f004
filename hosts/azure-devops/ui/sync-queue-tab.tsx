import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { SimpleTableCell, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { useCallback, useState } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { QueueAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import { ConnectionDropdown } from './connection-dropdown';

type QueueRow = QueueAnswer['entries'][number];

/** The sync queue of a connection: counts per state and direction, and what waits, with why. */
export function SyncQueueTab({ client, connections }: { readonly client: ConsoleClient; readonly connections: readonly ConsoleConnection[] | null }) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const queue = useAnswer(
    useCallback(
      () => (connection ? client.readQueue(connection.id) : Promise.resolve({ ok: false as const, error: { status: 0, code: 'none', message: '' } })),
      [client, connection],
    ),
  );
  const value = queue.view.status === 'loaded' ? queue.view.value : null;
  const cell = (text: string) => (_row: number, column: number, tableColumn: ITableColumn<QueueRow>) => (
    <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
      {text}
    </SimpleTableCell>
  );
  const columns: ITableColumn<QueueRow>[] = [
    { id: 'item', name: 'Work item', width: -15, renderCell: (row, column, tableColumn, entry) => cell(entry.itemKey)(row, column, tableColumn) },
    {
      id: 'direction',
      name: 'Direction',
      width: -12,
      renderCell: (row, column, tableColumn, entry) => cell(entry.direction === 'outbound' ? 'Outgoing' : 'Incoming')(row, column, tableColumn),
    },
    {
      id: 'state',
      name: 'State',
      width: -12,
      renderCell: (row, column, tableColumn, entry) => cell(entry.state === 'in_flight' ? 'In flight' : 'Queued')(row, column, tableColumn),
    },
    { id: 'attempts', name: 'Attempts', width: -10, renderCell: (row, column, tableColumn, entry) => cell(String(entry.attempts))(row, column, tableColumn) },
    { id: 'waiting', name: 'Waiting for', width: -51, renderCell: (row, column, tableColumn, entry) => cell(entry.waitingFor)(row, column, tableColumn) },
  ];
  return (
    <div className="flex-column">
      <div className="flex-row flex-center justify-space-between">
        <ConnectionDropdown connections={connections} chosen={connection} onChoose={setConnection} />
        <Button text="Refresh" disabled={connection === null} onClick={queue.reload} />
      </div>
      {queue.view.status === 'failed' && connection !== null ? <MessageCard severity={MessageCardSeverity.Error}>{queue.view.message}</MessageCard> : null}
      {value === null ? null : (
        <div className="flex-row rhythm-horizontal-16 margin-bottom-16">
          {(['outbound', 'inbound'] as const).map((direction) => (
            <Card key={direction} className="flex-grow" titleProps={{ text: direction === 'outbound' ? 'Outgoing' : 'Incoming' }}>
              {`${value.counts[direction].queued} queued · ${value.counts[direction].in_flight} in flight · ${value.counts[direction].done} done · ${value.counts[direction].failed} failed`}
            </Card>
          ))}
        </div>
      )}
      <Card className="bolt-table-card" contentProps={{ contentPadding: false }}>
        {value === null || value.entries.length === 0 ? (
          <p className="secondary-text exalate-table-empty">Nothing is waiting: every change has crossed.</p>
        ) : (
          <Table<QueueRow> ariaLabel="Waiting changes" columns={columns} itemProvider={new ArrayItemProvider([...value.entries])} role="table" />
        )}
      </Card>
    </div>
  );
}

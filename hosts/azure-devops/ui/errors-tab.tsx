import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { SimpleTableCell, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { useCallback, useState } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { SyncErrorAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import { NoticeCard, type HubNotice } from './notice-card';

const scopeWords = { item: 'Work item', connection: 'Connection', node: 'Node' } as const;

/** Unresolved errors, scoped to a work item, a connection or the node, each with Retry. */
export function ErrorsTab({ client }: { readonly client: ConsoleClient }) {
  const errors = useAnswer(useCallback(() => client.listErrors(), [client]));
  const [notice, setNotice] = useState<HubNotice>(null);
  const retry = async (error: SyncErrorAnswer) => {
    const answer = await client.retryError(error.id);
    setNotice(answer.ok ? { kind: 'success', text: 'Retrying now: what the error held back is tried again.' } : { kind: 'error', text: answer.error.message });
    errors.reload();
  };
  // Messages say what to do next: they wrap instead of being cut off.
  const text = (value: string) => (_row: number, column: number, tableColumn: ITableColumn<SyncErrorAnswer>) => (
    <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn} contentClassName="exalate-wrap">
      {value}
    </SimpleTableCell>
  );
  const columns: ITableColumn<SyncErrorAnswer>[] = [
    { id: 'scope', name: 'Scope', width: -12, renderCell: (row, column, tableColumn, error) => text(scopeWords[error.scope])(row, column, tableColumn) },
    { id: 'item', name: 'Work item', width: -12, renderCell: (row, column, tableColumn, error) => text(error.itemKey ?? '—')(row, column, tableColumn) },
    {
      id: 'message',
      name: 'Message',
      width: -50,
      renderCell: (row, column, tableColumn, error) =>
        text(error.line === null ? error.message : `${error.message} (line ${error.line})`)(row, column, tableColumn),
    },
    { id: 'times', name: 'Times', width: -8, renderCell: (row, column, tableColumn, error) => text(String(error.occurrences))(row, column, tableColumn) },
    {
      id: 'actions',
      name: 'Actions',
      width: -18,
      renderCell: (_row, column, tableColumn, error) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          <Button text="Retry" onClick={() => void retry(error)} />
        </SimpleTableCell>
      ),
    },
  ];
  const rows = errors.view.status === 'loaded' ? [...errors.view.value] : [];
  return (
    <div className="flex-column">
      <NoticeCard notice={notice} onDismiss={() => setNotice(null)} />
      {errors.view.status === 'failed' ? <MessageCard severity={MessageCardSeverity.Error}>{errors.view.message}</MessageCard> : null}
      <Card className="bolt-table-card" contentProps={{ contentPadding: false }}>
        {rows.length === 0 ? (
          <p className="secondary-text exalate-table-empty">{errors.view.status === 'loading' ? 'Loading errors…' : 'No errors: everything syncs.'}</p>
        ) : (
          <Table<SyncErrorAnswer> ariaLabel="Unresolved errors" columns={columns} itemProvider={new ArrayItemProvider(rows)} role="table" />
        )}
      </Card>
    </div>
  );
}

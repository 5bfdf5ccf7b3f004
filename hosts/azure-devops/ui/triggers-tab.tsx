import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { SimpleTableCell, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import { useCallback, useState } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { TriggerAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import { ConnectionDropdown } from './connection-dropdown';
import { NoticeCard, type HubNotice } from './notice-card';

/** Triggers (WIQL) that start syncing matching work items by themselves, and Bulk sync of what they match. */
export function TriggersTab({ client, connections }: { readonly client: ConsoleClient; readonly connections: readonly ConsoleConnection[] | null }) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(true);
  const [notice, setNotice] = useState<HubNotice>(null);
  const triggers = useAnswer(useCallback(() => (connection ? client.listTriggers(connection.id) : Promise.resolve({ ok: true as const, value: [] as readonly TriggerAnswer[] })), [client, connection]));
  const bulk = useAnswer(useCallback(() => (connection ? client.readBulkSync(connection.id) : Promise.resolve({ ok: false as const, error: { status: 404, code: 'not_found', message: '' } })), [client, connection]));

  const add = async () => {
    if (!connection) return;
    const answer = await client.addTrigger(connection.id, query, active);
    setNotice(answer.ok ? { kind: 'success', text: `Work items matching "${answer.value.query}" now sync by themselves.` } : { kind: 'error', text: answer.error.message });
    if (answer.ok) setQuery('');
    triggers.reload();
  };
  const remove = async (trigger: TriggerAnswer) => {
    const answer = await client.deleteTrigger(trigger.connectionId, trigger.id);
    setNotice(answer.ok ? { kind: 'success', text: 'The trigger is removed; work items already in sync stay in sync.' } : { kind: 'error', text: answer.error.message });
    triggers.reload();
  };
  const bulkSync = async () => {
    if (!connection) return;
    const answer = await client.startBulkSync(connection.id);
    setNotice(answer.ok ? { kind: 'success', text: `Bulk sync started for ${answer.value.queries.join(', ')}.` } : { kind: 'error', text: answer.error.message });
    setTimeout(bulk.reload, 1500);
  };

  const columns: ITableColumn<TriggerAnswer>[] = [
    { id: 'query', name: 'Query (WIQL)', width: -55, renderCell: (_row, column, tableColumn, trigger) => <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}><code>{trigger.query}</code></SimpleTableCell> },
    { id: 'active', name: 'State', width: -15, renderCell: (_row, column, tableColumn, trigger) => <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>{trigger.active ? 'Active' : 'Inactive'}</SimpleTableCell> },
    { id: 'created', name: 'Created', width: -20, renderCell: (_row, column, tableColumn, trigger) => <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>{new Date(trigger.createdAt).toLocaleString()}</SimpleTableCell> },
    { id: 'actions', name: 'Actions', width: -10, renderCell: (_row, column, tableColumn, trigger) => <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}><Button text="Delete" subtle onClick={() => void remove(trigger)} /></SimpleTableCell> },
  ];
  const rows = triggers.view.status === 'loaded' ? [...triggers.view.value] : [];
  return (
    <div className="flex-column">
      <div className="flex-row flex-center justify-space-between">
        <ConnectionDropdown connections={connections} chosen={connection} onChoose={setConnection} />
        <Button text="Bulk sync" disabled={connection === null} onClick={() => void bulkSync()} />
      </div>
      <NoticeCard notice={notice} onDismiss={() => setNotice(null)} />
      {bulk.view.status === 'loaded' ? (
        <div className="margin-bottom-16">
          <MessageCard severity={bulk.view.value.state === 'failed' ? MessageCardSeverity.Error : MessageCardSeverity.Info}>
            {`Bulk sync ${bulk.view.value.state} — ${bulk.view.value.query}: ${bulk.view.value.found} found, ${bulk.view.value.queued} queued, ${bulk.view.value.unchanged} unchanged, ${bulk.view.value.failed} failed.`}
          </MessageCard>
        </div>
      ) : null}
      {triggers.view.status === 'failed' ? <MessageCard severity={MessageCardSeverity.Error}>{triggers.view.message}</MessageCard> : null}
      <Card className="bolt-table-card margin-bottom-16" contentProps={{ contentPadding: false }}>
        {rows.length === 0 ? <p className="secondary-text exalate-table-empty">No triggers yet: work items sync only when you sync them by hand.</p> : <Table<TriggerAnswer> ariaLabel="Triggers" columns={columns} itemProvider={new ArrayItemProvider(rows)} role="table" />}
      </Card>
      <Card titleProps={{ text: 'Add a trigger' }}>
        <div className="flex-row flex-end rhythm-horizontal-16 exalate-trigger-form">
          <FormItem label="Query (WIQL)" className="flex-grow">
            <TextField ariaLabel="Query (WIQL)" value={query} placeholder="[System.TeamProject] = 'Support' AND [System.Tags] CONTAINS 'customer'" width={TextFieldWidth.auto} onChange={(_event, value) => setQuery(value)} />
          </FormItem>
          <Toggle text="Active" ariaLabel="Active" checked={active} onChange={(_event, checked) => setActive(checked)} />
          <Button text="Add trigger" primary disabled={connection === null} onClick={() => void add()} />
        </div>
      </Card>
    </div>
  );
}

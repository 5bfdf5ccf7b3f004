import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { SimpleTableCell, Table, type ITableColumn } from 'azure-devops-ui/Table';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { TriggerAnswer } from '../../console-kit/sync-answers';
import { useTriggers } from '../../console-kit/use-triggers';
import { ConnectionDropdown } from './connection-dropdown';
import { NoticeCard } from './notice-card';

/** Triggers (WIQL) that start syncing matching work items by themselves, and Bulk sync of what they match. */
export function TriggersTab({ client, connections }: { readonly client: ConsoleClient; readonly connections: readonly ConsoleConnection[] | null }) {
  const { connection, setConnection, query, setQuery, active, setActive, notice, setNotice, triggers, bulk, add, remove, bulkSync } = useTriggers(
    client,
    'azure-devops',
  );

  const columns: ITableColumn<TriggerAnswer>[] = [
    {
      id: 'query',
      name: 'Query (WIQL)',
      width: -55,
      renderCell: (_row, column, tableColumn, trigger) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          <code>{trigger.query}</code>
        </SimpleTableCell>
      ),
    },
    {
      id: 'active',
      name: 'State',
      width: -15,
      renderCell: (_row, column, tableColumn, trigger) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          {trigger.active ? 'Active' : 'Inactive'}
        </SimpleTableCell>
      ),
    },
    {
      id: 'created',
      name: 'Created',
      width: -20,
      renderCell: (_row, column, tableColumn, trigger) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          {new Date(trigger.createdAt).toLocaleString()}
        </SimpleTableCell>
      ),
    },
    {
      id: 'actions',
      name: 'Actions',
      width: -10,
      renderCell: (_row, column, tableColumn, trigger) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          <Button text="Delete" subtle onClick={() => void remove(trigger)} />
        </SimpleTableCell>
      ),
    },
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
        {rows.length === 0 ? (
          <p className="secondary-text exalate-table-empty">No triggers yet: work items sync only when you sync them by hand.</p>
        ) : (
          <Table<TriggerAnswer> ariaLabel="Triggers" columns={columns} itemProvider={new ArrayItemProvider(rows)} role="table" />
        )}
      </Card>
      <Card titleProps={{ text: 'Add a trigger' }}>
        <div className="flex-row flex-end rhythm-horizontal-16 exalate-trigger-form">
          <FormItem label="Query (WIQL)" className="flex-grow">
            <TextField
              ariaLabel="Query (WIQL)"
              value={query}
              placeholder="[System.TeamProject] = 'Support' AND [System.Tags] CONTAINS 'customer'"
              width={TextFieldWidth.auto}
              onChange={(_event, value) => setQuery(value)}
            />
          </FormItem>
          <Toggle text="Active" ariaLabel="Active" checked={active} onChange={(_event, checked) => setActive(checked)} />
          <Button text="Add trigger" primary disabled={connection === null} onClick={() => void add()} />
        </div>
      </Card>
    </div>
  );
}

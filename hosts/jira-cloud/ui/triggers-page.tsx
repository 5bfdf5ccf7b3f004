import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useTriggers } from '../../console-kit/use-triggers';
import { ConnectionPicker } from './connection-picker';
import { NoticeBanner } from './notice-banner';
import { PageFrame } from './page-frame';

/** Triggers (JQL) that start syncing matching issues by themselves, and Bulk sync of what they match. */
export function TriggersPage({ client }: { readonly client: ConsoleClient }) {
  const { connection, setConnection, query, setQuery, active, setActive, notice, triggers, bulk, add, remove, bulkSync } = useTriggers(client, 'jira-cloud');

  const rows =
    triggers.view.status === 'loaded'
      ? triggers.view.value.map((trigger) => ({
          key: trigger.id,
          cells: [
            { key: 'query', content: <code>{trigger.query}</code> },
            { key: 'active', content: <Lozenge appearance={trigger.active ? 'success' : 'default'}>{trigger.active ? 'Active' : 'Inactive'}</Lozenge> },
            { key: 'created', content: new Date(trigger.createdAt).toLocaleString() },
            {
              key: 'actions',
              content: (
                <Button spacing="compact" appearance="subtle" onClick={() => void remove(trigger)}>
                  Delete
                </Button>
              ),
            },
          ],
        }))
      : [];
  return (
    <PageFrame
      title="Triggers"
      actions={
        <Button isDisabled={connection === null} onClick={() => void bulkSync()}>
          Bulk sync
        </Button>
      }
    >
      <ConnectionPicker client={client} chosen={connection} onChoose={setConnection} />
      <NoticeBanner notice={notice} />
      {bulk.view.status === 'loaded' ? (
        <SectionMessage
          appearance={bulk.view.value.state === 'failed' ? 'error' : bulk.view.value.state === 'finished' ? 'success' : 'information'}
          title={`Bulk sync ${bulk.view.value.state}`}
        >
          {`${bulk.view.value.query}: ${bulk.view.value.found} found, ${bulk.view.value.queued} queued, ${bulk.view.value.unchanged} unchanged, ${bulk.view.value.failed} failed.`}
          {bulk.view.value.message ? ` ${bulk.view.value.message}` : ''}
        </SectionMessage>
      ) : null}
      {triggers.view.status === 'failed' ? <SectionMessage appearance="error">{triggers.view.message}</SectionMessage> : null}
      <DynamicTable
        label="Triggers of this connection"
        head={{ cells: ['Query (JQL)', 'State', 'Created', 'Actions'].map((title) => ({ key: title, content: title })) }}
        rows={rows}
        isLoading={connection !== null && triggers.view.status === 'loading'}
        emptyView={<p>No triggers yet: issues sync only when you sync them by hand.</p>}
      />
      <Stack space="space.100">
        <Heading size="small">Add a trigger</Heading>
        <Inline space="space.150" alignBlock="end">
          <div style={{ flexGrow: 1, maxWidth: 520 }}>
            <Label htmlFor="trigger-query">Query (JQL)</Label>
            <Textfield
              id="trigger-query"
              value={query}
              placeholder="project = SUP AND labels = customer"
              onChange={(event) => setQuery(event.currentTarget.value)}
            />
          </div>
          <Inline space="space.050" alignBlock="center">
            <Toggle id="trigger-active" isChecked={active} onChange={(event) => setActive(event.currentTarget.checked)} />
            <Label htmlFor="trigger-active">Active</Label>
          </Inline>
          <Button appearance="primary" isDisabled={connection === null} onClick={() => void add()}>
            Add trigger
          </Button>
        </Inline>
      </Stack>
    </PageFrame>
  );
}

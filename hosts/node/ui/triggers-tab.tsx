import { useCallback, useId, useState, type FormEvent } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { TriggerAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import { ok, type TrackerKind } from '../../console-kit/browser-core';
import { BulkSyncSection } from './bulk-sync-section';
import { ConnectionSelect, type PerConnectionTabProps } from './connection-select';
import { NoticeBanner, type Notice } from './notice-banner';
import { trackerWords } from '../../console-kit/tracker-words';
import { useConnections } from '../../console-kit/use-connections';
import { AnswerPending } from './answer-pending';
import { TextField } from './text-field';

const noTriggers = () => Promise.resolve(ok<readonly TriggerAnswer[]>([]));

/** Triggers: queries that start syncing matching items by themselves, and Bulk sync of what they match. */
export function TriggersTab({ client, tracker, connectionId, onChooseConnection }: PerConnectionTabProps) {
  const words = trackerWords[tracker];
  const { connections, failure } = useConnections(client);
  const connection = connections?.find((candidate) => candidate.id === connectionId) ?? null;
  const triggers = useAnswer(useCallback(() => (connection === null ? noTriggers() : client.listTriggers(connection.id)), [client, connection?.id]));
  const [notice, setNotice] = useState<Notice>(null);

  const remove = async (trigger: TriggerAnswer) => {
    setNotice(null);
    const answer = await client.deleteTrigger(trigger.connectionId, trigger.id);
    setNotice(
      answer.ok
        ? { kind: 'success', text: `The trigger is removed; ${words.items} already in sync stay in sync.` }
        : { kind: 'error', text: answer.error.message },
    );
    triggers.reload();
    // The row and its Delete button go away: focus goes to the list's title, not to <body>.
    document.getElementById('triggers-heading')?.focus();
  };

  const list = triggers.view;
  return (
    <section className="panel-section" aria-labelledby="triggers-heading">
      <div className="section-header">
        <h2 id="triggers-heading" className="section-title" tabIndex={-1}>
          Triggers
        </h2>
      </div>
      {failure === null ? null : (
        <p className="message message-error" role="alert">
          {failure}
        </p>
      )}
      <ConnectionSelect connections={connections} chosen={connectionId} onChoose={onChooseConnection} />
      <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
      {connection === null ? null : (
        <>
          {list.status !== 'loaded' ? (
            <AnswerPending view={list} loading="Loading triggers…" />
          ) : list.value.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">No triggers yet</p>
              <p className="muted">{`Without a trigger, ${words.items} sync only when you sync them by hand. Add one below.`}</p>
            </div>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{`Triggers of ${connection.name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.queryLabel}</th>
                  <th scope="col">State</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.value.map((trigger) => (
                  <tr key={trigger.id}>
                    <th scope="row" className="query-cell">
                      <code>{trigger.query}</code>
                    </th>
                    <td>
                      <span className={`lozenge ${trigger.active ? 'lozenge-active' : 'lozenge-deactivated'}`}>{trigger.active ? 'Active' : 'Inactive'}</span>
                    </td>
                    <td>{new Date(trigger.createdAt).toLocaleString()}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="button button-small button-danger-subtle"
                        aria-label={`Delete trigger ${trigger.query}`}
                        onClick={() => void remove(trigger)}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <AddTriggerForm
            client={client}
            connectionId={connection.id}
            tracker={tracker}
            onAdded={(trigger) => {
              setNotice({ kind: 'success', text: `${words.itemsHeading} matching "${trigger.query}" now sync by themselves.` });
              triggers.reload();
            }}
          />
          <BulkSyncSection key={connection.id} client={client} connectionId={connection.id} tracker={tracker} />
        </>
      )}
    </section>
  );
}

interface AddTriggerFormProps {
  readonly client: ConsoleClient;
  readonly connectionId: string;
  readonly tracker: TrackerKind;
  readonly onAdded: (trigger: TriggerAnswer) => void;
}

/** A query in the tracker's language and whether it acts at once; the node checks the query. */
function AddTriggerForm({ client, connectionId, tracker, onAdded }: AddTriggerFormProps) {
  const id = useId();
  const words = trackerWords[tracker];
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await client.addTrigger(connectionId, query, active);
    setBusy(false);
    setError(answer.ok ? null : answer.error.message);
    if (!answer.ok) return;
    setQuery('');
    onAdded(answer.value);
  };

  return (
    <form className="form-card" aria-labelledby={`${id}-title`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-title`} className="form-card-title">
        Add a trigger
      </h3>
      <div className="trigger-form">
        {/* The node's refusal stands under the whole row, so the field is marked here rather than by its own problem. */}
        <TextField
          id={`${id}-query`}
          label={words.queryLabel}
          value={query}
          placeholder={words.queryExample}
          code
          fieldClassName={`trigger-query${error === null ? '' : ' has-error'}`}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          onChange={setQuery}
        />
        <div className="field field-toggle trigger-active">
          <input id={`${id}-active`} type="checkbox" role="switch" className="switch" checked={active} onChange={(event) => setActive(event.target.checked)} />
          <label htmlFor={`${id}-active`} className="field-label">
            Active
          </label>
        </div>
        <button type="submit" className="button button-primary" disabled={busy || query.trim() === ''}>
          Add trigger
        </button>
      </div>
      {error === null ? null : (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

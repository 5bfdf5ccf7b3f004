import { useCallback, useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import { err, ok, type TrackerKind } from './browser-core';
import type { ConsoleClient } from './operation-client';
import type { ScriptNotice } from './script-editor-session';
import type { TriggerAnswer } from './sync-answers';
import { trackerWords } from './tracker-words';
import { useAnswer } from './use-answer';

/** Bulk sync's progress is read again this long after it starts, when the first items are queued. */
const bulkProgressDelayMs = 1500;

/**
 * The Triggers page of the Forge app and the Azure DevOps hub: the connection chosen, its triggers
 * and its bulk sync's progress, the trigger being written, and the three actions (add, delete,
 * bulk sync), each answered with a notice in the node's words or the console's.
 */
export function useTriggers(client: ConsoleClient, tracker: TrackerKind) {
  const words = trackerWords[tracker];
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(true);
  const [notice, setNotice] = useState<ScriptNotice>(null);
  const triggers = useAnswer(
    useCallback(() => (connection ? client.listTriggers(connection.id) : Promise.resolve(ok<readonly TriggerAnswer[]>([]))), [client, connection]),
  );
  const bulk = useAnswer(
    useCallback(
      () => (connection ? client.readBulkSync(connection.id) : Promise.resolve(err({ status: 404, code: 'not_found', message: '' }))),
      [client, connection],
    ),
  );

  const add = async () => {
    if (!connection) return;
    const answer = await client.addTrigger(connection.id, query, active);
    setNotice(
      answer.ok
        ? { kind: 'success', text: `${words.itemsHeading} matching "${answer.value.query}" now sync by themselves.` }
        : { kind: 'error', text: answer.error.message },
    );
    if (answer.ok) setQuery('');
    triggers.reload();
  };
  const remove = async (trigger: TriggerAnswer) => {
    const answer = await client.deleteTrigger(trigger.connectionId, trigger.id);
    setNotice(
      answer.ok
        ? { kind: 'success', text: `The trigger is removed; ${words.items} already in sync stay in sync.` }
        : { kind: 'error', text: answer.error.message },
    );
    triggers.reload();
  };
  const bulkSync = async () => {
    if (!connection) return;
    const answer = await client.startBulkSync(connection.id);
    setNotice(
      answer.ok ? { kind: 'success', text: `Bulk sync started for ${answer.value.queries.join(', ')}.` } : { kind: 'error', text: answer.error.message },
    );
    setTimeout(bulk.reload, bulkProgressDelayMs);
  };

  return { connection, setConnection, query, setQuery, active, setActive, notice, setNotice, triggers, bulk, add, remove, bulkSync };
}

import { parseTriggerQuery, type TrackerKind, type TriggerConditions } from '../../core';

/**
 * A trigger's text as core's one grammar reads it, for tests that search a tracker directly:
 * adapters receive conditions, never text. A text the grammar refuses fails the test at once,
 * with the grammar's reason.
 */
export function readTrigger(text: string, tracker: TrackerKind): TriggerConditions {
  const parsed = parseTriggerQuery(text, tracker);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

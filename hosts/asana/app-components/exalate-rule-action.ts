import { z } from 'zod';
import { err, ExalateError, ok, parseJson, type Result, type StoreV1 } from '../../../core';
import { fitText, type FormMetadata } from './app-component-shapes';
import type { ConnectionSummary } from './task-surface';
import { taskSurfaceWords as words } from './task-surface-words';

/**
 * "Exalate with connection", a rule action of Asana's rules: the rule's author picks a connection
 * once; each time the rule fires, the task it fired on is exalated through that connection (as
 * Sync now does). Asana keeps the rule and sends only the action's id when it runs, so the choice
 * is kept here, under that id, when the rule is saved (developers.asana.com/docs/rule-action).
 */
export const ruleActionFieldIds = { connection: 'connection' } as const;

export const ruleActionValuesSchema = z.looseObject({ connection: z.string().max(200).optional().catch(undefined) });

export function ruleActionForm(
  connections: readonly ConnectionSummary[],
  chosen: string | undefined,
  callbacks: { readonly change: string; readonly submit: string },
  error?: string,
): FormMetadata {
  if (connections.length === 0) {
    return {
      template: 'form_metadata_v0',
      metadata: {
        title: words.ruleActionTitle,
        fields: [{ type: 'static_text', id: 'no_connection', name: fitText(words.noActiveConnection, 50) }],
        on_change_callback: callbacks.change,
      },
    };
  }
  const value = connections.find((connection) => connection.id === chosen)?.id ?? connections[0]?.id;
  return {
    template: 'form_metadata_v0',
    metadata: {
      title: words.ruleActionTitle,
      fields: [
        {
          type: 'dropdown',
          id: ruleActionFieldIds.connection,
          name: words.connection,
          is_required: true,
          options: connections.map((connection) => ({ id: connection.id, label: fitText(connection.name, 80) })),
          ...(value === undefined ? {} : { value }),
          ...(error === undefined ? {} : { error }),
        },
      ],
      on_change_callback: callbacks.change,
      on_submit_callback: callbacks.submit,
    },
  };
}

const savedRuleActionSchema = z.strictObject({ connectionId: z.string().min(1) });
const settingKey = (actionId: string) => `asana_rule_action:${actionId}`;

/** Keeps the connection a rule action was saved with, under Asana's id of the action. */
export async function saveRuleAction(store: StoreV1, actionId: string, connectionId: string): Promise<void> {
  await store.putSetting(settingKey(actionId), JSON.stringify({ connectionId }));
}

/** The connection a rule action was saved with, or not_found when no rule action of that id was saved here. */
export async function readRuleAction(store: StoreV1, actionId: string): Promise<Result<{ readonly connectionId: string }>> {
  const saved = await store.getSetting(settingKey(actionId));
  const parsed = saved === undefined ? undefined : parseJson(saved, savedRuleActionSchema);
  if (parsed?.ok !== true)
    return err(
      new ExalateError(
        'not_found',
        'This node has no "Exalate with connection" rule action of that id. Edit the rule in Asana and choose the connection again.',
      ),
    );
  return ok(parsed.value);
}

import { z } from 'zod';
import { fitText, type FormField, type FormMetadata, type FormOption } from './app-component-shapes';
import type { ExalateChoices, TaskTwin } from './task-surface';
import { taskSurfaceWords as words } from './task-surface-words';

export const taskActions = ['exalate', 'connect', 'sync', 'unexalate'] as const;
export type TaskAction = (typeof taskActions)[number];

/** The ids of the form's fields: Asana sends the values back under them. */
export const taskFormFieldIds = { status: 'status', action: 'action', connection: 'connection', remoteKey: 'remote_key' } as const;

/** What the person chose, as Asana sends the form's values (each field's value under its id). Tolerant: Asana may add fields. */
export const taskFormValuesSchema = z.looseObject({
  action: z.enum(taskActions).optional().catch(undefined),
  connection: z.string().max(200).optional().catch(undefined),
  remote_key: z.string().max(200).optional().catch(undefined),
});
export type TaskFormValues = z.infer<typeof taskFormValuesSchema>;

/** The connections each action can use on this task, or why it can use none. */
export interface TaskFormChoices {
  readonly twins: readonly TaskTwin[];
  readonly offered: Readonly<Record<TaskAction, { readonly options: readonly FormOption[]; readonly reason: string | null }>>;
}

export function taskFormChoices(twins: readonly TaskTwin[], exalate: ExalateChoices): TaskFormChoices {
  // Connect reaches as far as Exalate does: only connections whose scope the task is in, and that do not sync it yet.
  const inScope = {
    options: exalate.connections.map((connection) => ({ id: connection.connectionId, label: fitText(connection.connectionName, 80) })),
    reason: exalate.reason,
  };
  const synced = twins.map((twin) => ({ id: twin.connectionId, label: fitText(twin.connectionName, 80) }));
  const syncing = { options: synced, reason: synced.length > 0 ? null : words.noneToSyncNow };
  return { twins, offered: { exalate: inScope, connect: inScope, sync: syncing, unexalate: syncing } };
}

/** The action the form shows: the one chosen, or the first that can do something here. */
export function chosenAction(choices: TaskFormChoices, values: TaskFormValues): TaskAction {
  if (values.action !== undefined && (choices.twins.length > 0 || (values.action !== 'sync' && values.action !== 'unexalate'))) return values.action;
  return 'exalate';
}

/** The connection the form shows for the action: the one chosen if it is offered, else the first offered. */
export function chosenConnection(choices: TaskFormChoices, action: TaskAction, values: TaskFormValues): string | undefined {
  const options = choices.offered[action].options;
  return options.find((option) => option.id === values.connection)?.id ?? options[0]?.id;
}

export interface TaskFormCallbacks {
  readonly change: string;
  readonly submit: string;
}

/**
 * "Exalate this task" (Asana's modal form): Exalate through a connection whose scope the task is
 * in, or Connect it to an existing item by its key; Sync now and Unexalate once it syncs. The
 * action is watched, so the form follows the choice (on_change). When the action can use no
 * connection, the reason is shown on it and the form has no submit callback: Asana keeps its
 * submit button disabled.
 */
export function exalateTaskForm(
  choices: TaskFormChoices,
  values: TaskFormValues,
  callbacks: TaskFormCallbacks,
  errors: Partial<Record<'action' | 'connection' | 'remote_key', string>> = {},
): FormMetadata {
  const action = chosenAction(choices, values);
  const offered = choices.offered[action];
  const actionOptions: FormOption[] = [
    { id: 'exalate', label: words.exalate, sub_label: words.exalateHint },
    { id: 'connect', label: words.connect, sub_label: words.connectHint },
    ...(choices.twins.length > 0
      ? [
          { id: 'sync', label: words.syncNow, sub_label: words.syncNowHint },
          { id: 'unexalate', label: words.unexalate, sub_label: words.unexalateHint },
        ]
      : []),
  ];
  const actionError = errors.action ?? (offered.options.length === 0 ? (offered.reason ?? undefined) : undefined);
  const fields: FormField[] = [
    {
      type: 'static_text',
      id: taskFormFieldIds.status,
      name: fitText(choices.twins.length === 0 ? words.notSynced : words.syncsOn(choices.twins.length), 50),
      style: 'header',
    },
    {
      type: 'radio_button',
      id: taskFormFieldIds.action,
      name: words.action,
      is_required: true,
      is_watched: true,
      options: actionOptions,
      value: action,
      ...(actionError === undefined ? {} : { error: actionError }),
    },
  ];
  const connection = chosenConnection(choices, action, values);
  if (connection !== undefined) {
    fields.push({
      type: 'dropdown',
      id: taskFormFieldIds.connection,
      name: words.connection,
      is_required: true,
      options: offered.options,
      value: connection,
      ...(errors.connection === undefined ? {} : { error: errors.connection }),
    });
  }
  if (action === 'connect' && connection !== undefined) {
    fields.push({
      type: 'single_line_text',
      id: taskFormFieldIds.remoteKey,
      name: words.remoteKey,
      is_required: true,
      placeholder: words.remoteKeyPlaceholder,
      ...(values.remote_key === undefined ? {} : { value: values.remote_key }),
      ...(errors.remote_key === undefined ? {} : { error: errors.remote_key }),
    });
  }
  return {
    template: 'form_metadata_v0',
    metadata: {
      title: words.formTitle,
      fields,
      on_change_callback: callbacks.change,
      ...(connection === undefined ? {} : { on_submit_callback: callbacks.submit }),
    },
  };
}

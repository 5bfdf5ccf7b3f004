/**
 * A trigger as core reads it: conditions joined by AND, each on one field the trigger grammar
 * knows (trigger-query.ts). Adapters receive these, never the text, and translate them to their
 * tracker's query language (JQL, WIQL, Asana's task list filters) or filter locally.
 */
export type TriggerField = 'project' | 'type' | 'status' | 'label' | 'completed';

export interface TriggerCondition {
  readonly field: TriggerField;
  readonly operator: '=' | '!=' | 'in';
  readonly values: readonly string[];
}

/** A parsed trigger: every condition must hold. It always names a project (the grammar sees to it). */
export type TriggerConditions = readonly TriggerCondition[];

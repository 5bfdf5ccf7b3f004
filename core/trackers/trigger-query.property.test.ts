import fc from 'fast-check';
import { parseTriggerQuery } from './trigger-query';
import type { TriggerCondition, TriggerField } from './trigger-condition';
import { trackerKinds, type TrackerKind } from './index';

/**
 * Properties of the trigger grammars (JQL, WIQL and Asana's subset): printing conditions the way
 * an admin writes them and parsing the text gives the same conditions back, and any text at all
 * gives a Result (a refusal with a reason), never a throw. `FAST_CHECK_SEED=<seed>` replays a failure.
 */
const seed = process.env['FAST_CHECK_SEED'] === undefined ? undefined : Number(process.env['FAST_CHECK_SEED']);
const runs = { numRuns: 300, ...(seed === undefined ? {} : { seed }) };

/** How each language names a field (the printer's half of the grammar). */
const fieldWords: Readonly<Record<TrackerKind, Partial<Record<TriggerField, string>>>> = {
  'jira-cloud': { project: 'project', type: 'issuetype', status: 'status', label: 'labels' },
  'jira-server': { project: 'project', type: 'type', status: 'status', label: 'labels' },
  'azure-devops': { project: '[System.TeamProject]', type: '[System.WorkItemType]', status: '[System.State]', label: '[System.Tags]' },
  asana: { project: 'project', completed: 'completed' },
};
const quote: Readonly<Record<TrackerKind, string>> = { 'jira-cloud': '"', 'jira-server': '"', 'azure-devops': "'", asana: '"' };

/**
 * Values an admin types: words, or texts with spaces that need quotes (among them the word "and",
 * as in a project called "Sales and Marketing"); never the quote itself.
 */
const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,14}[A-Za-z0-9]$|^[A-Za-z0-9]$/),
  fc
    .tuple(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), fc.constantFrom(' and ', ' AND ', ' And '), fc.stringMatching(/^[A-Za-z0-9]{1,8}$/))
    .map((parts) => parts.join('')),
);

function conditionsFor(tracker: TrackerKind): fc.Arbitrary<TriggerCondition[]> {
  const fields = Object.keys(fieldWords[tracker]) as TriggerField[];
  const condition = fc
    .record({
      field: fc.constantFrom(...fields),
      operator: fc.constantFrom('=' as const, '!=' as const, 'in' as const),
      values: fc.array(value, { minLength: 1, maxLength: 3 }),
    })
    .map((each): TriggerCondition => (each.operator === 'in' ? each : { ...each, values: each.values.slice(0, 1) }));
  const project = fc.record({ field: fc.constant('project' as const), operator: fc.constant('=' as const), values: value.map((each) => [each]) });
  return fc.tuple(project, fc.array(condition, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]);
}

function print(tracker: TrackerKind, conditions: readonly TriggerCondition[]): string {
  const quoted = (text: string) => (/^[^\s"'()]+$/.test(text) ? text : `${quote[tracker]}${text}${quote[tracker]}`);
  return conditions
    .map((condition) => {
      const field = fieldWords[tracker][condition.field]!;
      if (condition.operator === 'in') return `${field} in (${condition.values.map(quoted).join(', ')})`;
      return `${field} ${condition.operator} ${quoted(condition.values[0]!)}`;
    })
    .join(' AND ');
}

const trackers: readonly TrackerKind[] = trackerKinds;

describe.each(trackers)('trigger grammar of %s', (tracker) => {
  it('parses what it prints back to the same conditions', () => {
    fc.assert(
      fc.property(conditionsFor(tracker), (conditions) => {
        expect(parseTriggerQuery(print(tracker, conditions), tracker)).toEqual({ ok: true, value: conditions });
      }),
      runs,
    );
  });

  it('answers any text with a result and a reason, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('project =', 'AND', 'project = (', 'project in ()', 'project = "a', 'select from workitems where'),
        ),
        (text) => {
          const parsed = parseTriggerQuery(text, tracker);
          if (!parsed.ok) expect(parsed.error.message).toMatch(/cannot be used: .+\. Example: project = SUP/s);
        },
      ),
      runs,
    );
  });
});

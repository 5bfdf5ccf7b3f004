import { harnessHelpers, stripHtmlHelper, withAuthorPrefixHelper } from './harness-helpers';
import { harnessBaseSource } from './harness-views';
import { outputErrorName } from './quickjs-failure';

/** What a script sees, in this order: the function the script body becomes takes these parameters. */
export const scriptParameters: readonly string[] = [
  'issue',
  'workItem',
  'entity',
  'replica',
  'previous',
  'firstSync',
  'connection',
  ...harnessHelpers.map((helper) => helper.name),
];

export interface HarnessRequest {
  readonly script: string;
  readonly direction: 'outgoing' | 'incoming';
}

/** True when the script mentions the word: only then is the helper of that name compiled in. */
export function scriptNames(script: string, word: string): boolean {
  return new RegExp(`\\b${word}\\b`).test(script);
}

/**
 * The harness for one run: an expression whose value is `(inputJson, script) => outputJson`. It
 * builds the variables from the input, calls the script with them, and returns what the script
 * left behind: the replica (outgoing), or the item as the script left it and what the helpers
 * recorded (incoming). Compiling the harness is most of what a run costs, so a helper the script
 * does not name is left out (its parameter is undefined).
 */
export function scriptHarnessFor(request: HarnessRequest): string {
  const key = `${request.direction}\u0000${request.script}`;
  const kept = harnessesMade.get(key);
  if (kept !== undefined) return kept;
  // A node runs a handful of scripts, each thousands of times: the text is made once per script.
  if (harnessesMade.size >= harnessesKept) harnessesMade.clear();
  const harness = harnessOf(request);
  harnessesMade.set(key, harness);
  return harness;
}

/** Harness texts already made, by direction and script; cleared whole when full (scripts change seldom). */
const harnessesMade = new Map<string, string>();
const harnessesKept = 256;

function harnessOf(request: HarnessRequest): string {
  const helpers = harnessHelpers.filter((helper) => scriptNames(request.script, helper.name));
  const sources = [
    harnessBaseSource,
    ...[stripHtmlHelper, withAuthorPrefixHelper].filter((member) => scriptNames(request.script, member.name)).map((member) => member.source),
    ...helpers.map((helper) => helper.source),
    request.direction === 'incoming' ? incomingOutputSource : '',
  ];
  const helperArguments = harnessHelpers.map((helper) => (helpers.includes(helper) ? helper.create : 'undefined')).join(', ');
  const output = request.direction === 'incoming' ? 'incomingOutput(issue, plan, logs)' : 'serialize({ replica: replica, logs: logs })';
  return String.raw`(function () {
  'use strict';
  ${sources.join('')}
  function serialize(output) {
    try {
      return stringify(output);
    } catch (error) {
      var refused = new TypeError('what it set cannot be sent: ' + (error && error.message ? error.message : String(error)) + '.');
      refused.name = '${outputErrorName}';
      throw refused;
    }
  }

  return function runScript(inputJson, script) {
    var input = parseJson(inputJson);
    var plan = { comments: [], attachments: [], transitions: [], emails: new Set(), unlink: false };
    var logs = [];
    var issue = input.issue;
    var replica = input.replica || {};
    issue.customFields = fieldsView(issue.customFields);
    replica.customFields = fieldsView(replica.customFields);
    if (input.previous) input.previous.customFields = fieldsView(input.previous.customFields);
    script(issue, issue, issue, replica, input.previous, input.firstSync, input.connection, ${helperArguments});
    return ${output};
  };
})()`;
}

/** The item as the script left it (alias properties included), and what the helpers recorded. */
const incomingOutputSource = String.raw`
  function incomingOutput(issue, plan, logs) {
    var fields = issue.customFields, raw = {};
    for (var name in fields) raw[name] = fields[name] instanceof Field ? fields[name].value : fields[name] === undefined ? null : fields[name];
    var state = {};
    for (var key in issue) state[key] = issue[key] === undefined ? null : issue[key];
    state.customFields = raw;
    state.comments = state.attachments = state.reporter = null;
    return serialize({
      issue: state,
      comments: plan.comments,
      attachments: plan.attachments,
      transitions: plan.transitions,
      userLookups: Array.from(plan.emails),
      unlinkAfterProcessing: plan.unlink,
      logs: logs,
    });
  }
`;

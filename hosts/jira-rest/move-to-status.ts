import { ExalateError } from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import type { JiraDialect } from './jira-dialect';
import { jiraIssueSchema, jiraTransitionsSchema } from './jira-rest-responses';

/**
 * Jira has no "set status": an issue moves along its workflow. The transitions available from the
 * issue's current status are read (GET …/transitions) and the one whose `to.name` is the wanted
 * status is performed (POST …/transitions). When none leads there the admin is told which
 * statuses can be reached, since only a workflow change or a script change can fix it.
 */
export async function moveToStatus(client: TrackerHttpClient, dialect: JiraDialect, key: string, status: string): Promise<void> {
  const path = `${dialect.api}/issue/${encodeURIComponent(key)}/transitions`;
  const missing = { 404: `${dialect.trackerName} at ${client.baseUrl} has no issue ${key}, or the node's account cannot see it.` };
  const { transitions } = await client.json({ path, action: `read the transitions of ${key}`, messages: missing }, jiraTransitionsSchema);
  const wanted = status.trim().toLowerCase();
  const transition = transitions.find((candidate) => candidate.to.name.toLowerCase() === wanted);
  if (transition !== undefined) {
    await client.empty({ method: 'POST', path, json: { transition: { id: transition.id } }, action: `move ${key} to "${status}"` });
    return;
  }
  const issue = await client.json({ path: `${dialect.api}/issue/${encodeURIComponent(key)}`, query: { fields: 'status' }, action: `read the status of ${key}`, messages: missing }, jiraIssueSchema);
  const current = issue.fields.status?.name ?? '';
  if (current.toLowerCase() === wanted) return;
  const reachable = transitions.map((candidate) => `"${candidate.to.name}"`);
  throw new ExalateError(
    'invalid_request',
    `${dialect.trackerName} at ${client.baseUrl} cannot move ${key} from "${current}" to "${status}": its workflow has no transition from "${current}" to "${status}"${reachable.length === 0 ? ' and none out of it at all' : `; from "${current}" it can reach ${reachable.join(', ')}`}. Add a transition to the workflow in Jira, or map the status to a reachable one in the incoming script.`,
    { details: { tracker: dialect.tracker, key, from: current, to: status, reachable: transitions.map((candidate) => candidate.to.name) } },
  );
}

import { ExalateError } from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import type { JiraDialect } from './jira-dialect';
import { jiraIssueSchema, jiraTransitionsSchema, type JiraTransition } from './jira-rest-responses';

/** Workflows such as To Do → In Progress → Done need a step through an in-progress status. */
const maximumSteps = 3;

/**
 * Jira has no "set status": an issue moves along its workflow. The transitions available from the
 * issue's current status are read (GET …/transitions) and the one whose `to.name` is the wanted
 * status is performed (POST …/transitions). When none leads there directly, the issue steps
 * through an in-progress status (category `indeterminate`) it has not visited yet, at most two
 * steps, the way a person clicks "Start progress" then "Done"; if that does not reach it, the
 * issue is moved back and the admin is told which statuses can be reached, since only a
 * workflow change or a script change can fix it.
 */
export async function moveToStatus(
  client: TrackerHttpClient,
  dialect: JiraDialect,
  key: string,
  status: string,
  offered?: readonly JiraTransition[],
): Promise<void> {
  const path = `${dialect.api}/issue/${encodeURIComponent(key)}/transitions`;
  const missing = { 404: `${dialect.trackerName} at ${client.baseUrl} has no issue ${key}, or the node's account cannot see it.` };
  const wanted = status.trim().toLowerCase();
  const readTransitions = async () =>
    (await client.json({ path, action: `read the transitions of ${key}`, messages: missing }, jiraTransitionsSchema)).transitions;
  const perform = (id: string, to: string) => client.empty({ method: 'POST', path, json: { transition: { id } }, action: `move ${key} to "${to}"` });
  // The transitions read with the issue just before: one step there is one call. Refused (someone
  // moved the issue since, so that transition is not on offer any more), it is asked afresh below.
  const offeredStep = offered?.find((candidate) => candidate.to.name.toLowerCase() === wanted);
  if (offeredStep !== undefined) {
    try {
      return await perform(offeredStep.id, offeredStep.to.name);
    } catch (error) {
      if (!(error instanceof ExalateError) || error.details?.['status'] !== 400) throw error;
    }
  }
  const firstTransitions = await readTransitions();
  const direct = firstTransitions.find((candidate) => candidate.to.name.toLowerCase() === wanted);
  if (direct !== undefined) return perform(direct.id, direct.to.name);

  const issue = await client.json(
    { path: `${dialect.api}/issue/${encodeURIComponent(key)}`, query: { fields: 'status' }, action: `read the status of ${key}`, messages: missing },
    jiraIssueSchema,
  );
  const current = issue.fields.status?.name ?? '';
  if (current.toLowerCase() === wanted) return;

  // Step through in-progress statuses not visited yet; if the wanted status is still out of
  // reach, step back to where the issue was, so a failed attempt leaves it as it found it.
  const visited = new Set<string>([current.toLowerCase()]);
  let transitions = firstTransitions;
  for (let step = 1; step < maximumSteps; step += 1) {
    const onTheWay = transitions.find((candidate) => candidate.to.statusCategory?.key === 'indeterminate' && !visited.has(candidate.to.name.toLowerCase()));
    if (onTheWay === undefined) break;
    await perform(onTheWay.id, onTheWay.to.name);
    visited.add(onTheWay.to.name.toLowerCase());
    transitions = await readTransitions();
    const arrival = transitions.find((candidate) => candidate.to.name.toLowerCase() === wanted);
    if (arrival !== undefined) return perform(arrival.id, arrival.to.name);
  }
  if (visited.size > 1) {
    const back = transitions.find((candidate) => candidate.to.name.toLowerCase() === current.toLowerCase());
    if (back !== undefined) await perform(back.id, back.to.name);
  }
  const reachable = firstTransitions.map((candidate) => `"${candidate.to.name}"`);
  throw new ExalateError(
    'invalid_request',
    `${dialect.trackerName} at ${client.baseUrl} cannot move ${key} from "${current}" to "${status}": its workflow has no transition from "${current}" to "${status}"${reachable.length === 0 ? ' and none out of it at all' : `; from "${current}" it can reach ${reachable.join(', ')}`}. Add a transition to the workflow in Jira, or map the status to a reachable one in the incoming script.`,
    { details: { tracker: dialect.tracker, key, from: current, to: status, reachable: firstTransitions.map((candidate) => candidate.to.name) } },
  );
}

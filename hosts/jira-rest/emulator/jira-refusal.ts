import type { FastifyReply } from 'fastify';
import type { AuthorizationOutcome } from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';

/**
 * How Jira (Cloud and Server/DC) refuses a request it cannot authenticate: 401 with an
 * ErrorCollection body. When credentials were sent but failed, Jira's Seraph filter also reports
 * `X-Seraph-LoginReason: AUTHENTICATED_FAILED`, which clients use to tell a wrong credential from a
 * missing one.
 */
export function refuseJiraRequest(reply: FastifyReply, outcome: Exclude<AuthorizationOutcome, 'accepted'>): FastifyReply {
  if (outcome === 'rejected') reply.header('X-Seraph-LoginReason', 'AUTHENTICATED_FAILED');
  return reply.code(401).send(jiraErrorCollection(['You are not authenticated. Authentication required to perform this operation.']));
}

/** Jira's answer for a REST path it does not serve. */
export function jiraNotFoundBody(): ReturnType<typeof jiraErrorCollection> {
  return jiraErrorCollection(['The requested resource could not be found.']);
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jiraErrorCollection } from './jira-error-collection';
import { statusRepresentation } from './jira-issue-representation';
import { apiPrefix, representationContext, type JiraRoutesContext } from './jira-routes-context';

type ProjectRequest = FastifyRequest<{ Params: { projectIdOrKey: string } }>;

/**
 * What a project's items can take, shared by both Jira emulators: `GET /rest/api/{2|3}/project/{key}/statuses`
 * ("Get all statuses for project": each issue type with the statuses of its workflow, as
 * IssueTypeWithStatus) and `GET /rest/api/{2|3}/priority` ("Get priorities", the site's list).
 * The emulated site has one workflow, so every issue type lists every status.
 */
export function registerJiraProjectValuesRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  instance.get(`${apiPrefix(context)}/project/:projectIdOrKey/statuses`, { onRequest: context.authenticated }, async (request, reply) => {
    const wanted = (request as ProjectRequest).params.projectIdOrKey;
    const project = context.projects().find((candidate) => candidate.id === wanted || candidate.key.toLowerCase() === wanted.toLowerCase());
    if (project === undefined) return reply.code(404).send(jiraErrorCollection([`No project could be found with key '${wanted}'.`]));
    const represent = representationContext(context, request);
    const { issueTypes, statuses } = context.work.snapshot;
    return issueTypes.map((type) => ({
      self: `${represent.site}/rest/api/${context.dialect.restVersion}/issuetype/${type.id}`,
      id: type.id,
      name: type.name,
      subtask: type.subtask,
      statuses: statuses.map((status) => statusRepresentation(represent, status)),
    }));
  });

  instance.get(`${apiPrefix(context)}/priority`, { onRequest: context.authenticated }, async (request) => {
    const represent = representationContext(context, request);
    return context.work.snapshot.priorities.map((priority, index) => ({
      self: `${represent.site}/rest/api/${context.dialect.restVersion}/priority/${priority.id}`,
      statusColor: '#009900',
      description: priority.name,
      iconUrl: `${represent.site}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
      name: priority.name,
      id: priority.id,
      // Jira's default scheme makes Medium the default; the emulated list has it third.
      ...(context.dialect.restVersion === '3' ? { isDefault: index === 2 } : {}),
    }));
  });
}

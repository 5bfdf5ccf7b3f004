import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jiraErrorCollection } from './jira-error-collection';
import { issueTypeRepresentation, userRepresentation } from './jira-issue-representation';
import { jiraProjectRepresentation } from './jira-representations';
import { apiPrefix, representationContext, type JiraRoutesContext } from './jira-routes-context';

type ProjectRequest = FastifyRequest<{ Params: { projectIdOrKey: string } }>;

/**
 * One project by id or key (`GET /rest/api/{2|3}/project/{projectIdOrKey}`, "Get project"), shared
 * by both Jira emulators: the list entry plus what Jira expands by default (description, lead,
 * issue types). Jira DC has no project search, so this and `/project` are how a client finds
 * projects there (jira.js `projects.getProject`). An unknown project is 404 with Jira's words.
 */
export function registerJiraProjectRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  instance.get(`${apiPrefix(context)}/project/:projectIdOrKey`, { onRequest: context.authenticated }, async (request, reply) => {
    const wanted = (request as ProjectRequest).params.projectIdOrKey;
    const project = context.projects().find((candidate) => candidate.id === wanted || candidate.key.toLowerCase() === wanted.toLowerCase());
    if (project === undefined) return reply.code(404).send(jiraErrorCollection([`No project could be found with key '${wanted}'.`]));
    const represent = representationContext(context, request);
    const lead = context.work.snapshot.users.find((user) => user.id === context.actorId());
    return {
      ...jiraProjectRepresentation(represent.site, context.dialect.restVersion, project),
      description: project.description,
      ...(lead === undefined ? {} : { lead: userRepresentation(represent, lead) }),
      issueTypes: context.work.snapshot.issueTypes.map((type) => issueTypeRepresentation(represent, type.id)),
    };
  });
}

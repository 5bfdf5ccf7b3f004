import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { installTrackerErrorHandlers, publicBaseUrl, RateLimitStorm, readBooleanParameter, readQueryParameter } from '../../emulator-kit';
import { registerAsanaBatchRoute } from './asana-batch-routes';
import { asanaErrorBody } from './asana-error-body';
import { registerAsanaCustomFieldSettingRoutes } from './asana-custom-field-setting-routes';
import { registerAsanaDirectoryRoutes } from './asana-directory-routes';
import type { AsanaEmulatorState, AsanaProjectRecord, AsanaWorkspaceRecord } from './asana-emulator-state';
import type { AsanaEventOutbox } from './asana-event-outbox';
import { compactForm, selectAsanaFields, type AsanaRecord } from './asana-fields';
import { registerAsanaHookRoutes } from './asana-hook-routes';
import type { AsanaOAuthClient } from './asana-oauth-grants';
import { registerAsanaOAuthRoutes } from './asana-oauth-routes';
import { paginateAsana } from './asana-pagination';
import { createAsanaRouteKit } from './asana-route-kit';
import { registerAsanaStoryAndAttachmentRoutes } from './asana-story-attachment-routes';
import { registerAsanaTaskRoutes } from './asana-task-routes';

export interface AsanaRouteRuntime {
  readonly storm: RateLimitStorm;
  readonly outbox: AsanaEventOutbox;
  /** Apps that may sign users in with OAuth (none: the OAuth routes refuse every client). */
  readonly oauthClients?: readonly AsanaOAuthClient[];
  /** The routes that run the actions of a `/batch` request: they serve no `/batch` of their own. */
  readonly servesBatchActions?: boolean;
}

/**
 * Asana REST 1.0 under `/api/1.0`: users, workspaces, projects and their custom field settings, sections, tags, tasks, stories,
 * attachments, webhooks and events, and the batch API over them, as far as the adapter uses them.
 * Paths, parameters and bodies follow shared/specs/asana.yaml; the tests check every body against it.
 */
export function createAsanaRoutes(state: AsanaEmulatorState, runtime: AsanaRouteRuntime): FastifyPluginAsync {
  return async (instance) => {
    const prefix = instance.prefix;
    const apiRoot = (request: FastifyRequest): string => `${publicBaseUrl(request, prefix)}/api/1.0`;
    installTrackerErrorHandlers(instance, {
      notFound: () => asanaErrorBody('No matching route for request'),
      failure: (_statusCode, message) => asanaErrorBody(message),
    });

    const kit = createAsanaRouteKit(instance, state, runtime.storm);
    registerAsanaDirectoryRoutes(instance, state, kit);
    registerAsanaTaskRoutes(instance, state, kit, runtime.outbox);
    registerAsanaStoryAndAttachmentRoutes(instance, state, kit, runtime.outbox);
    registerAsanaHookRoutes(instance, state, kit);
    registerAsanaCustomFieldSettingRoutes(instance, state, kit);
    // The batch was rate-limited as a whole before its actions run (asana.yaml, Batch API), so they meet no storm of their own.
    if (runtime.servesBatchActions !== true)
      registerAsanaBatchRoute(instance, kit, () => createAsanaRoutes(state, { ...runtime, storm: new RateLimitStorm(), servesBatchActions: true }));
    // Outside the API's token guard, in a scope of their own: form-encoded bodies are for OAuth only.
    await instance.register(async (scope) => registerAsanaOAuthRoutes(scope, state, runtime.oauthClients ?? []));
    const onRequest = [...kit.onRequest];

    const workspaceRecord = (workspace: AsanaWorkspaceRecord): AsanaRecord => ({
      gid: workspace.gid,
      resource_type: 'workspace',
      name: workspace.name,
      is_organization: workspace.isOrganization,
      email_domains: [],
    });

    const projectRecord = (request: FastifyRequest, project: AsanaProjectRecord): AsanaRecord => {
      const workspace = state.findWorkspace(project.workspaceGid);
      return {
        gid: project.gid,
        resource_type: 'project',
        name: project.name,
        archived: project.archived,
        color: project.color,
        notes: project.notes,
        created_at: project.createdAt,
        modified_at: project.modifiedAt,
        workspace: { gid: project.workspaceGid, resource_type: 'workspace', name: workspace?.name ?? '' },
        permalink_url: `${publicBaseUrl(request, prefix)}/0/${project.gid}/list`,
      };
    };

    instance.get('/api/1.0/workspaces', { onRequest }, async (request, reply) => {
      const page = paginateAsana(request, state.workspaces, apiRoot(request));
      if (!page.ok) return reply.code(400).send(page.body);
      const data = page.items.map((workspace) => {
        const full = workspaceRecord(workspace);
        return selectAsanaFields(request, full, compactForm(full));
      });
      return page.nextPage === undefined ? { data } : { data, next_page: page.nextPage };
    });

    /** The projects of a workspace, optionally only the archived or the unarchived ones (asana.yaml, getProjects). */
    const listProjects = (request: FastifyRequest, reply: FastifyReply, workspaceGid: string | undefined) => {
      if (workspaceGid === undefined || workspaceGid === '') return reply.code(400).send(asanaErrorBody('workspace: Missing input'));
      if (state.findWorkspace(workspaceGid) === undefined) return reply.code(400).send(asanaErrorBody(`workspace: Not a recognized ID: ${workspaceGid}`));
      const archived = readBooleanParameter(request, 'archived');
      const matching = state.projects.filter((project) => project.workspaceGid === workspaceGid && (archived === undefined || project.archived === archived));

      const page = paginateAsana(request, matching, apiRoot(request));
      if (!page.ok) return reply.code(400).send(page.body);
      const data = page.items.map((project) => {
        const full = projectRecord(request, project);
        return selectAsanaFields(request, full, compactForm(full));
      });
      return page.nextPage === undefined ? { data } : { data, next_page: page.nextPage };
    };

    // The emulator requires the workspace filter; the team filter is deprecated (asana.yaml, getProjects).
    instance.get('/api/1.0/projects', { onRequest }, async (request, reply) => listProjects(request, reply, readQueryParameter(request, 'workspace')));
    // The same list by path, as the official clients ask for it (asana.yaml, getProjectsForWorkspace).
    instance.get('/api/1.0/workspaces/:gid/projects', { onRequest }, async (request, reply) =>
      listProjects(request, reply, (request as FastifyRequest<{ Params: { gid: string } }>).params.gid),
    );
  };
}

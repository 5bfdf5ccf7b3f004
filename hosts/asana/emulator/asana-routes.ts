import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  asanaErrorBody,
  createAuthorizationGuard,
  installTrackerErrorHandlers,
  publicBaseUrl,
  readBearerToken,
  readBooleanParameter,
  readQueryParameter,
  secretsMatch,
} from '../../emulator-kit';
import type { AsanaEmulatorState, AsanaProjectRecord, AsanaWorkspaceRecord } from './asana-emulator-state';
import { compactForm, selectAsanaFields, type AsanaRecord } from './asana-fields';
import { paginateAsana } from './asana-pagination';

/**
 * Asana REST 1.0 under `/api/1.0`: the user, workspace and project resources the adapter uses.
 * Paths, parameters and bodies follow shared/specs/asana.yaml; the tests check every body against it.
 */
export function createAsanaRoutes(state: AsanaEmulatorState): FastifyPluginAsync {
  return async (instance) => {
    const prefix = instance.prefix;
    const apiRoot = (request: FastifyRequest): string => `${publicBaseUrl(request, prefix)}/api/1.0`;
    // Asana answers a missing and a wrong token alike: 401 "Not Authorized" (developers.asana.com/docs/errors).
    const guard = createAuthorizationGuard({
      accepts: (header) => {
        const token = readBearerToken(header);
        return token !== undefined && secretsMatch(token, state.user.personalAccessToken);
      },
      refuse: (reply) => reply.code(401).send(asanaErrorBody('Not Authorized')),
    });

    installTrackerErrorHandlers(instance, {
      notFound: () => asanaErrorBody('No matching route for request'),
      failure: (_statusCode, message) => asanaErrorBody(message),
    });

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

    // `user_gid` is "me", an email, or the gid of a user (`user_path_gid` in asana.yaml).
    instance.get<{ Params: { user_gid: string } }>('/api/1.0/users/:user_gid', { onRequest: guard.required }, async (request, reply) => {
      const user = state.user;
      const wanted = request.params.user_gid;
      if (wanted !== 'me' && wanted !== user.gid && wanted.toLowerCase() !== user.email.toLowerCase()) {
        return reply.code(404).send(asanaErrorBody(`user: Unknown object: ${wanted}`));
      }
      // A user's default form is the full record: gid, resource_type, name, email, photo, workspaces.
      const full = { gid: user.gid, resource_type: 'user', name: user.name, email: user.email, photo: null, workspaces: state.workspaces.map((workspace) => compactForm(workspaceRecord(workspace))) };
      return { data: selectAsanaFields(request, full, full) };
    });

    instance.get('/api/1.0/workspaces', { onRequest: guard.required }, async (request, reply) => {
      const page = paginateAsana(request, state.workspaces, apiRoot(request));
      if (!page.ok) return reply.code(400).send(page.body);
      const data = page.items.map((workspace) => {
        const full = workspaceRecord(workspace);
        return selectAsanaFields(request, full, compactForm(full));
      });
      return page.nextPage === undefined ? { data } : { data, next_page: page.nextPage };
    });

    instance.get('/api/1.0/projects', { onRequest: guard.required }, async (request, reply) => {
      const workspaceGid = readQueryParameter(request, 'workspace');
      // The emulator requires the workspace filter; the team filter is deprecated (asana.yaml, getProjects).
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
    });
  };
}

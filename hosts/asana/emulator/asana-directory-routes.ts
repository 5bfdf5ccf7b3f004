import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readQueryParameter } from '../../emulator-kit';
import type { AsanaEmulatorState } from './asana-emulator-state';
import { compactForm } from './asana-fields';
import { userFull } from './asana-representations';
import type { AsanaRouteKit } from './asana-route-kit';

type GidRequest = FastifyRequest<{ Params: { gid: string } }>;

/** People and tags of workspaces: `GET /users/{user_gid}`, workspace users, and tags to label tasks with. */
export function registerAsanaDirectoryRoutes(instance: FastifyInstance, state: AsanaEmulatorState, kit: AsanaRouteKit): void {
  const onRequest = [...kit.onRequest];

  // `user_gid` is "me", an email, or the gid of a user (`user_path_gid` in asana.yaml).
  instance.get('/api/1.0/users/:gid', { onRequest }, async (request, reply) => {
    const wanted = (request as GidRequest).params.gid;
    const person = state.findPerson(wanted);
    if (person === undefined) return kit.refuse(reply, 404, `user: Unknown object: ${wanted}`);
    return kit.one(request, userFull(state, person.gid));
  });

  const usersOf = (workspaceGid: string) =>
    state.people.map((person) => userFull(state, person.gid)).filter(() => state.findWorkspace(workspaceGid) !== undefined);

  instance.get('/api/1.0/workspaces/:gid/users', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    if (state.findWorkspace(gid) === undefined) return kit.refuse(reply, 404, `workspace: Unknown object: ${gid}`);
    return kit.page(request, reply, usersOf(gid));
  });

  instance.get('/api/1.0/users', { onRequest }, async (request, reply) => {
    const workspace = readQueryParameter(request, 'workspace') ?? '';
    if (state.findWorkspace(workspace) === undefined) return kit.refuse(reply, 400, 'workspace: Missing input');
    return kit.page(request, reply, usersOf(workspace));
  });

  const representTag = (gid: string) => {
    const tag = state.find('tags', gid);
    return {
      gid,
      resource_type: 'tag',
      name: tag?.name ?? '',
      color: 'none',
      notes: '',
      followers: [],
      workspace: { gid: tag?.workspaceGid ?? '', resource_type: 'workspace' },
      permalink_url: '',
    };
  };
  const listTags = (workspaceGid: string) =>
    state
      .list('tags')
      .filter((tag) => tag.workspaceGid === workspaceGid)
      .map((tag) => representTag(tag.gid));
  const createTag = (workspaceGid: string, name: unknown) => {
    const tag = { gid: state.nextGid(), workspaceGid, name: String(name) };
    state.save('tags', tag);
    return representTag(tag.gid);
  };

  instance.get('/api/1.0/workspaces/:gid/tags', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    if (state.findWorkspace(gid) === undefined) return kit.refuse(reply, 404, `workspace: Unknown object: ${gid}`);
    return kit.page(request, reply, listTags(gid), compactForm);
  });

  instance.get('/api/1.0/tags', { onRequest }, async (request, reply) => {
    const workspace = readQueryParameter(request, 'workspace') ?? '';
    if (state.findWorkspace(workspace) === undefined) return kit.refuse(reply, 400, 'workspace: Missing input');
    return kit.page(request, reply, listTags(workspace), compactForm);
  });

  instance.post('/api/1.0/tags', { onRequest }, async (request, reply) => {
    const data = kit.data(request, reply);
    if (data === undefined) return reply;
    const workspace = typeof data['workspace'] === 'string' ? data['workspace'] : '';
    if (state.findWorkspace(workspace) === undefined) return kit.refuse(reply, 400, 'workspace: Missing input');
    if (typeof data['name'] !== 'string' || data['name'].trim() === '') return kit.refuse(reply, 400, 'name: Missing input');
    return reply.code(201).send(kit.one(request, createTag(workspace, data['name'])));
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readQueryParameter } from '../../emulator-kit';
import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaEventOutbox } from './asana-event-outbox';
import { compactForm } from './asana-fields';
import type { AsanaTaskRecord } from './asana-records';
import { taskFull } from './asana-representations';
import type { AsanaRouteKit } from './asana-route-kit';
import { applyTaskFields, createTask, taskChange } from './asana-task-writes';

type GidRequest = FastifyRequest<{ Params: { gid: string } }>;

/** Fields a PUT may not change: Asana has endpoints of their own for them (asana.yaml, updateTask). */
const notByUpdate: Readonly<Record<string, string>> = {
  parent: 'parent: Cannot be changed by a PUT; use POST /tasks/{task_gid}/setParent.',
  projects: 'projects: Cannot be changed by a PUT; use addProject and removeProject.',
  memberships: 'memberships: Cannot be changed by a PUT; use POST /sections/{section_gid}/addTask.',
  tags: 'tags: Cannot be changed by a PUT; use addTag and removeTag.',
  workspace: 'workspace: A task cannot move to another workspace.',
};

/** Tasks (asana.yaml "Tasks"): read, create, update, parent, tags, sections and the task lists. */
export function registerAsanaTaskRoutes(instance: FastifyInstance, state: AsanaEmulatorState, kit: AsanaRouteKit, outbox: AsanaEventOutbox): void {
  const onRequest = [...kit.onRequest];
  const compactTask = (full: Readonly<Record<string, unknown>>) => ({ ...compactForm(full), resource_subtype: full['resource_subtype'] });
  const findTask = (request: FastifyRequest, reply: FastifyReply): AsanaTaskRecord | undefined => {
    const { gid } = (request as GidRequest).params;
    const task = state.find('tasks', gid);
    if (task === undefined) kit.refuse(reply, 404, `task: Unknown object: ${gid}`);
    return task;
  };

  instance.get('/api/1.0/tasks/:gid', { onRequest }, async (request, reply) => {
    const task = findTask(request, reply);
    return task === undefined ? reply : kit.one(request, taskFull(state, kit.host(request), task));
  });

  instance.post('/api/1.0/tasks', { onRequest }, async (request, reply) => {
    const data = kit.data(request, reply);
    if (data === undefined) return reply;
    const created = createTask(state, data);
    if (!created.ok) return kit.refuse(reply, created.status, created.message);
    state.save('tasks', created.value);
    // Asana's own history line on a new task ("Sam added to Bugs"): a system story, not a comment.
    const project = state.projects.find((candidate) => candidate.gid === created.value.memberships[0]?.projectGid);
    if (project !== undefined) {
      const text = `${state.user.name} added to ${project.name}`;
      state.save('stories', {
        gid: state.nextGid(),
        taskGid: created.value.gid,
        type: 'system',
        resourceSubtype: 'added_to_project',
        text,
        htmlText: `<body>${text}</body>`,
        createdByGid: state.user.gid,
        createdAt: created.value.createdAt,
        isEdited: false,
      });
    }
    outbox.record(taskChange(created.value, 'added'));
    return reply.code(201).send(kit.one(request, taskFull(state, kit.host(request), created.value)));
  });

  instance.put('/api/1.0/tasks/:gid', { onRequest }, async (request, reply) => {
    const task = findTask(request, reply);
    const data = task === undefined ? undefined : kit.data(request, reply);
    if (task === undefined || data === undefined) return reply;
    const forbidden = Object.keys(data).find((field) => notByUpdate[field] !== undefined);
    if (forbidden !== undefined) return kit.refuse(reply, 400, notByUpdate[forbidden] ?? forbidden);
    const applied = applyTaskFields(state, task, data);
    if (!applied.ok) return kit.refuse(reply, applied.status, applied.message);
    state.save('tasks', applied.value.task);
    outbox.recordTogether(applied.value.changed.map((field) => taskChange(applied.value.task, 'changed', field)));
    return kit.one(request, taskFull(state, kit.host(request), applied.value.task));
  });

  instance.post('/api/1.0/tasks/:gid/setParent', { onRequest }, async (request, reply) => {
    const task = findTask(request, reply);
    const data = task === undefined ? undefined : kit.data(request, reply);
    if (task === undefined || data === undefined) return reply;
    if (!('parent' in data)) return kit.refuse(reply, 400, 'parent: Missing input');
    const parentGid = data['parent'] === null ? null : String(data['parent']);
    if (parentGid !== null && (state.find('tasks', parentGid) === undefined || parentGid === task.gid))
      return kit.refuse(reply, 400, `parent: Not a recognized ID: ${parentGid}`);
    const updated = { ...task, parentGid, modifiedAt: state.now() };
    state.save('tasks', updated);
    outbox.record(taskChange(updated, 'changed', 'parent'));
    return kit.one(request, taskFull(state, kit.host(request), updated));
  });

  for (const action of ['addTag', 'removeTag'] as const) {
    instance.post(`/api/1.0/tasks/:gid/${action}`, { onRequest }, async (request, reply) => {
      const task = findTask(request, reply);
      const data = task === undefined ? undefined : kit.data(request, reply);
      if (task === undefined || data === undefined) return reply;
      const tag = typeof data['tag'] === 'string' ? state.find('tags', data['tag']) : undefined;
      if (tag === undefined) return kit.refuse(reply, 400, `tag: Not a recognized ID: ${String(data['tag'])}`);
      const tagGids = action === 'addTag' ? [...new Set([...task.tagGids, tag.gid])] : task.tagGids.filter((gid) => gid !== tag.gid);
      const updated = { ...task, tagGids, modifiedAt: state.now() };
      state.save('tasks', updated);
      outbox.record(taskChange(updated, 'changed', 'tags'));
      return { data: {} };
    });
  }

  instance.post('/api/1.0/sections/:gid/addTask', { onRequest }, async (request, reply) => {
    const section = state.find('sections', (request as GidRequest).params.gid);
    const data = section === undefined ? undefined : kit.data(request, reply);
    if (section === undefined) return kit.refuse(reply, 404, `section: Unknown object: ${(request as GidRequest).params.gid}`);
    if (data === undefined) return reply;
    const task = typeof data['task'] === 'string' ? state.find('tasks', data['task']) : undefined;
    if (task === undefined) return kit.refuse(reply, 400, `task: Not a recognized ID: ${String(data['task'])}`);
    const memberships = [
      ...task.memberships.filter((membership) => membership.projectGid !== section.projectGid),
      { projectGid: section.projectGid, sectionGid: section.gid },
    ];
    const updated = { ...task, memberships, modifiedAt: state.now() };
    state.save('tasks', updated);
    outbox.record(taskChange(updated, 'changed', 'memberships'));
    return { data: {} };
  });

  instance.get('/api/1.0/projects/:gid/sections', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    if (!state.projects.some((project) => project.gid === gid)) return kit.refuse(reply, 404, `project: Unknown object: ${gid}`);
    const sections = state
      .list('sections')
      .filter((section) => section.projectGid === gid)
      .map((section) => ({
        gid: section.gid,
        resource_type: 'section',
        name: section.name,
        created_at: state.projects.find((project) => project.gid === gid)?.createdAt,
        project: { gid, resource_type: 'project' },
      }));
    return kit.page(request, reply, sections);
  });

  // `completed_since=now` lists only incomplete tasks (asana.yaml, getTasksForProject).
  const listTasks = (request: FastifyRequest, reply: FastifyReply, tasks: readonly AsanaTaskRecord[]) => {
    const completedSince = readQueryParameter(request, 'completed_since');
    const since = completedSince === undefined ? undefined : completedSince === 'now' ? state.now() : completedSince;
    if (since !== undefined && Number.isNaN(Date.parse(since)))
      return kit.refuse(reply, 400, `completed_since: Not a valid date-time: ${completedSince ?? ''}`);
    const matching = tasks.filter((task) => since === undefined || !task.completed || (task.completedAt !== null && task.completedAt >= since));
    return kit.page(
      request,
      reply,
      matching.map((task) => taskFull(state, kit.host(request), task)),
      compactTask,
    );
  };

  instance.get('/api/1.0/projects/:gid/tasks', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    if (!state.projects.some((project) => project.gid === gid)) return kit.refuse(reply, 404, `project: Unknown object: ${gid}`);
    return listTasks(
      request,
      reply,
      state.list('tasks').filter((task) => task.memberships.some((membership) => membership.projectGid === gid)),
    );
  });

  instance.get('/api/1.0/tasks', { onRequest }, async (request, reply) => {
    const project = readQueryParameter(request, 'project');
    const section = readQueryParameter(request, 'section');
    const assignee = readQueryParameter(request, 'assignee');
    const workspace = readQueryParameter(request, 'workspace');
    if ([project, section].filter((value) => value !== undefined).length !== 1 && (assignee === undefined || workspace === undefined)) {
      return kit.refuse(reply, 400, 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace');
    }
    const modifiedSince = readQueryParameter(request, 'modified_since');
    if (modifiedSince !== undefined && Number.isNaN(Date.parse(modifiedSince)))
      return kit.refuse(reply, 400, `modified_since: Not a valid date-time: ${modifiedSince}`);
    const assigneeGid = assignee === undefined ? undefined : state.findPerson(assignee)?.gid;
    const tasks = state
      .list('tasks')
      .filter(
        (task) =>
          (project === undefined || task.memberships.some((membership) => membership.projectGid === project)) &&
          (section === undefined || task.memberships.some((membership) => membership.sectionGid === section)) &&
          (assignee === undefined || (task.assigneeGid === assigneeGid && task.workspaceGid === workspace)) &&
          (modifiedSince === undefined || Date.parse(task.modifiedAt) >= Date.parse(modifiedSince)),
      );
    return listTasks(request, reply, tasks);
  });
}

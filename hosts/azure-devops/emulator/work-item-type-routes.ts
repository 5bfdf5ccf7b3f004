import type { FastifyInstance, FastifyRequest } from 'fastify';
import { failure } from './emulator-failure';
import { pathVariants, type AzureDevOpsRequestKit, type OrganizationRequest } from './request-kit';
import { workItemStates, workItemTypes } from './work-item-records';

type TypeRequest = FastifyRequest<{ Params: { organization: string; project: string; type: string } }>;

const workItemTypesResource = { released: { major: 7, minor: 1 } };

/** WorkItemStateColor of the Agile process: its state category and the color the boards show. */
const stateColors: Readonly<Record<(typeof workItemStates)[number], { readonly category: string; readonly color: string }>> = {
  New: { category: 'Proposed', color: 'b2b2b2' },
  Active: { category: 'InProgress', color: '007acc' },
  Resolved: { category: 'Resolved', color: 'ff9d00' },
  Closed: { category: 'Completed', color: '339933' },
  Removed: { category: 'Removed', color: 'ffffff' },
};

/**
 * A project's work item types and their states (work item tracking 7.1, "Work Item Types - List"
 * and "Work Item Type States - List"), answered in the `{ count, value }` wrapper. The emulated
 * process is one Agile process whose rules take every state on every type (work-item-field-rules.ts),
 * so every type lists the same states.
 */
export function registerWorkItemTypeRoutes(instance: FastifyInstance, kit: AzureDevOpsRequestKit): void {
  const onRequest = [...kit.onRequest];
  const states = () => workItemStates.map((name) => ({ name, ...stateColors[name] }));

  for (const path of pathVariants('/:organization/:project/_apis/wit/workitemtypes')) {
    instance.get(path, { onRequest }, async (request, reply) => {
      const contentType = kit.negotiate(request, reply, workItemTypesResource);
      if (contentType === undefined) return reply;
      const project = kit.project(request as OrganizationRequest, reply);
      if (project === undefined) return reply;
      const url = `${kit.organizationUrl(request)}/${project.id}/_apis/wit/workItemTypes`;
      const value = workItemTypes.map((name) => ({
        name,
        referenceName: `Microsoft.VSTS.WorkItemTypes.${name.replace(/\s/g, '')}`,
        description: '',
        color: '009ccc',
        isDisabled: false,
        states: states(),
        url: `${url}/${encodeURIComponent(name)}`,
      }));
      return reply.type(contentType).send({ count: value.length, value });
    });
  }

  for (const path of pathVariants('/:organization/:project/_apis/wit/workitemtypes/:type/states')) {
    instance.get(path, { onRequest }, async (request, reply) => {
      const contentType = kit.negotiate(request, reply, workItemTypesResource);
      if (contentType === undefined) return reply;
      const project = kit.project(request as OrganizationRequest, reply);
      if (project === undefined) return reply;
      const wanted = (request as TypeRequest).params.type;
      if (!workItemTypes.some((name) => name.toLowerCase() === wanted.toLowerCase()))
        return kit.send(reply, failure(404, 'WorkItemTypeNotFoundException', `TF201063: Work item type ${wanted} does not exist in project ${project.name}.`));
      const value = states();
      return reply.type(contentType).send({ count: value.length, value });
    });
  }
}

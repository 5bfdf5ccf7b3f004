import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaRecord } from './asana-fields';
import type { AsanaRouteKit } from './asana-route-kit';

type ProjectRequest = FastifyRequest<{ Params: { gid: string } }>;

/**
 * A project's custom field settings (asana.yaml, getCustomFieldSettingsForProject): one
 * CustomFieldSettingResponse per custom field the project carries, compact unless opt_fields asks
 * for more (the adapter asks for `custom_field.name` and the enum options, to find a Priority field).
 */
export function registerAsanaCustomFieldSettingRoutes(instance: FastifyInstance, state: AsanaEmulatorState, kit: AsanaRouteKit): void {
  instance.get('/api/1.0/projects/:gid/custom_field_settings', { onRequest: [...kit.onRequest] }, async (request, reply) => {
    const gid = (request as ProjectRequest).params.gid;
    const project = state.projects.find((candidate) => candidate.gid === gid);
    if (project === undefined) return kit.refuse(reply, 404, `project: Unknown object: ${gid}`);
    const projectCompact = { gid: project.gid, resource_type: 'project', name: project.name };
    const settings: AsanaRecord[] = state
      .list('customFields')
      .filter((field) => field.projectGids.includes(project.gid))
      .map((field) => ({
        // A setting is its own object in Asana, with a gid of its own.
        gid: `${project.gid}${field.gid}`,
        resource_type: 'custom_field_setting',
        project: projectCompact,
        parent: projectCompact,
        is_important: false,
        custom_field: {
          gid: field.gid,
          resource_type: 'custom_field',
          name: field.name,
          type: field.type,
          resource_subtype: field.type,
          enabled: true,
          enum_options: field.enumOptions.map((option) => ({
            gid: option.gid,
            resource_type: 'enum_option',
            name: option.name,
            enabled: true,
            color: option.color,
          })),
        },
      }));
    return kit.page(request, reply, settings, (full) => ({ gid: full['gid'], resource_type: full['resource_type'] }));
  });
}

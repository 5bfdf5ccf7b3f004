import { z } from 'zod';
import { trackerProfile, type TrackerProjectValues } from '../../core';
import { priorityFieldName } from './task-mapping';

/** CustomFieldSettingResponse with the custom field's name and enum options (asana.yaml, getCustomFieldSettingsForProject). */
export const customFieldSettingPageSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      custom_field: z
        .looseObject({
          name: z.string().nullish(),
          enum_options: z.array(z.looseObject({ name: z.string(), enabled: z.boolean().nullish() })).nullish(),
        })
        .nullish(),
    }),
  ),
  next_page: z.looseObject({ offset: z.string() }).nullish(),
});
export type CustomFieldSetting = z.infer<typeof customFieldSettingPageSchema>['data'][number];

/** What a project's custom field settings are asked for: only what finding the Priority field needs. */
export const customFieldSettingOptFields = 'custom_field.name,custom_field.enum_options.name,custom_field.enum_options.enabled';

/**
 * An Asana project's values. Asana has no workflow and no item types: a task is completed or not
 * and is a task, as the tracker profile says, so those come from the profile. Priorities are the
 * enabled options of a custom field named Priority when the project has one (the adapter reads and
 * writes priority through it, task-mapping.ts); without one there are none.
 */
export function asanaProjectValues(settings: readonly CustomFieldSetting[]): TrackerProjectValues {
  const vocabulary = trackerProfile('asana').vocabulary;
  const priority = settings.find((setting) => (setting.custom_field?.name ?? '').toLowerCase() === priorityFieldName)?.custom_field;
  return {
    statuses: Object.keys(vocabulary.statuses.known),
    priorities: (priority?.enum_options ?? []).filter((option) => option.enabled !== false).map((option) => option.name),
    types: vocabulary.onlyItemType === null ? [] : [vocabulary.onlyItemType],
  };
}

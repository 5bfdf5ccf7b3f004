import { fitText, type WidgetField, type WidgetMetadata } from './app-component-shapes';
import type { TaskTwin } from './task-surface';
import { statusWords, taskSurfaceWords as words } from './task-surface-words';

/** Asana's widget limits: a field's name and text at most 40 characters, a title at most 200. */
const fieldTextLimit = 40;
const titleLimit = 200;

/**
 * The widget Asana shows for a task's Exalate attachment: one twin on one connection, with its
 * status in the status words of every item surface, the remote item's key (the widget's link opens
 * it), the connection, and when it last synced. An error shows in its own words in the footer,
 * where Asana sets no length limit. A twin that was unexalated since says so.
 */
export function exalateWidget(twin: TaskTwin | undefined, connectionName: string): WidgetMetadata {
  if (twin === undefined) {
    return {
      template: 'summary_with_details_v0',
      metadata: {
        title: words.widgetNotSynced,
        subtitle: fitText(words.widgetSubtitle(connectionName), titleLimit),
        fields: [
          { type: 'pill', name: words.widgetStatus, text: words.widgetNotSynced, color: 'none' },
          { type: 'text_with_icon', name: words.widgetConnection, text: fitText(connectionName, fieldTextLimit) },
        ],
        footer: { footer_type: 'custom_text', text: words.widgetUnexalatedFooter },
      },
    };
  }
  const status = statusWords[twin.status];
  const fields: WidgetField[] = [
    { type: 'pill', name: words.widgetStatus, text: status.text, color: status.color },
    { type: 'text_with_icon', name: words.widgetRemote, text: fitText(twin.remoteKey ?? words.widgetWaitingForKey, fieldTextLimit) },
    { type: 'text_with_icon', name: words.widgetConnection, text: fitText(twin.connectionName, fieldTextLimit) },
  ];
  if (twin.lastSyncedAt !== null) fields.push({ type: 'datetime_with_icon', name: words.widgetLastSynced, datetime: twin.lastSyncedAt });
  return {
    template: 'summary_with_details_v0',
    metadata: {
      title: fitText(twin.remoteKey ?? words.widgetWaitingForKey, titleLimit),
      subtitle: fitText(words.widgetSubtitle(twin.connectionName), titleLimit),
      fields,
      footer:
        twin.error !== null
          ? { footer_type: 'custom_text', text: words.widgetErrorFooter(twin.error.message) }
          : twin.lastSyncedAt !== null
            ? { footer_type: 'updated', last_updated_at: twin.lastSyncedAt }
            : { footer_type: 'custom_text', text: words.widgetSyncingFooter },
    },
  };
}

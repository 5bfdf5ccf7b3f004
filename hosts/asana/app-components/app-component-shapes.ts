/**
 * What Asana's app components read from an app server (asana-app-components.yaml): the widget's
 * `summary_with_details_v0`, the form's `form_metadata_v0`, an attached resource and a rule run's
 * answer. Only the parts this app uses; limits are Asana's and are kept by `fitText`.
 */
export type PillColor =
  | 'none'
  | 'red'
  | 'orange'
  | 'yellow-orange'
  | 'yellow'
  | 'yellow-green'
  | 'green'
  | 'blue-green'
  | 'aqua'
  | 'blue'
  | 'indigo'
  | 'purple'
  | 'magenta'
  | 'hot-pink'
  | 'pink'
  | 'cool-gray';

export type WidgetField =
  | { readonly type: 'pill'; readonly name: string; readonly text: string; readonly color: PillColor }
  | { readonly type: 'text_with_icon'; readonly name: string; readonly text: string }
  | { readonly type: 'datetime_with_icon'; readonly name: string; readonly datetime: string };

export type WidgetFooter =
  { readonly footer_type: 'custom_text'; readonly text: string } | { readonly footer_type: 'updated'; readonly last_updated_at: string };

export interface WidgetMetadata {
  readonly template: 'summary_with_details_v0';
  readonly metadata: {
    readonly title: string;
    readonly subtitle: string;
    /** 1 to 5 fields. */
    readonly fields: readonly WidgetField[];
    readonly footer: WidgetFooter;
  };
}

export interface FormOption {
  readonly id: string;
  readonly label: string;
  readonly sub_label?: string;
}

interface FormFieldBase {
  readonly id: string;
  readonly name: string;
  readonly is_required?: boolean;
  readonly is_watched?: boolean;
  readonly error?: string;
}

export type FormField =
  | { readonly type: 'static_text'; readonly id: string; readonly name: string; readonly style?: 'default' | 'header' }
  | (FormFieldBase & { readonly type: 'radio_button'; readonly options: readonly FormOption[]; readonly value?: string })
  | (FormFieldBase & { readonly type: 'dropdown'; readonly options: readonly FormOption[]; readonly value?: string; readonly width?: 'full' | 'half' })
  | (FormFieldBase & { readonly type: 'single_line_text'; readonly placeholder?: string; readonly value?: string; readonly width?: 'full' | 'half' });

export interface FormMetadata {
  readonly template: 'form_metadata_v0';
  readonly metadata: {
    readonly title: string;
    /** At most 30. */
    readonly fields: readonly FormField[];
    /** Without it Asana keeps the submit button disabled: used when there is nothing to submit. */
    readonly on_submit_callback?: string;
    readonly on_change_callback?: string;
  };
}

export interface AttachedResource {
  readonly resource_name: string;
  readonly resource_url: string;
}

export interface RanAction {
  readonly action_result: 'ok';
  readonly error?: string;
}

/** Asana cuts or refuses longer texts (a widget field's text: 40; a form field's name: 50; an option's label: 80). */
export function fitText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

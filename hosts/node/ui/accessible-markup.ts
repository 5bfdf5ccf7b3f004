// For the UI's tests only: the controls of server-rendered markup with their role and accessible
// name, computed the way a browser does for the markup this console writes (label[for], aria-label,
// a button's text; aria-hidden parts left out). Not a general accessibility engine.

export interface MarkupControl {
  readonly role: string;
  readonly name: string;
  readonly disabled: boolean;
  readonly attributes: string;
}

const decode = (text: string) =>
  text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Text content without tags and without what is aria-hidden. */
function textOf(html: string): string {
  return decode(html.replace(/<(\w+)[^>]*aria-hidden="true"[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function attribute(attributes: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return found?.[1] === undefined ? undefined : decode(found[1]);
}

function roleOf(tag: string, attributes: string): string {
  const explicit = attribute(attributes, 'role');
  if (explicit) return explicit;
  if (tag === 'button') return 'button';
  if (tag === 'select') return 'combobox';
  if (tag === 'textarea') return 'textbox';
  const type = attribute(attributes, 'type') ?? 'text';
  return type === 'checkbox' ? 'checkbox' : type === 'radio' ? 'radio' : 'textbox';
}

export function listControls(html: string): MarkupControl[] {
  const labels = new Map<string, string>();
  for (const match of html.matchAll(/<label[^>]*\sfor="([^"]+)"[^>]*>([\s\S]*?)<\/label>/g)) labels.set(decode(match[1] ?? ''), textOf(match[2] ?? ''));
  const controls: MarkupControl[] = [];
  for (const match of html.matchAll(/<(button|input|select|textarea)(\s[^>]*)?>(?:([\s\S]*?)<\/\1>)?/g)) {
    const tag = match[1] ?? '';
    const attributes = match[2] ?? '';
    const id = attribute(attributes, 'id');
    const name = attribute(attributes, 'aria-label') ?? (id !== undefined ? labels.get(id) : undefined) ?? (tag === 'button' ? textOf(match[3] ?? '') : '');
    controls.push({ role: roleOf(tag, attributes), name, disabled: /\sdisabled=""/.test(attributes), attributes });
  }
  return controls;
}

/** `role "name"` for each control, disabled ones marked, in document order. */
export function describeControls(html: string): string[] {
  return listControls(html).map((control) => `${control.role} "${control.name}"${control.disabled ? ' (disabled)' : ''}`);
}

/**
 * Where the node answers Asana's app components, relative to the node's URL. These are the URLs an
 * admin registers in Asana's developer console (README: "Asana app components").
 */
export const appComponentsBasePath = '/asana/app-components';

export const appComponentPaths = {
  widgetMetadata: `${appComponentsBasePath}/widget`,
  formMetadata: `${appComponentsBasePath}/form`,
  formChange: `${appComponentsBasePath}/form/change`,
  formSubmit: `${appComponentsBasePath}/form/submit`,
  ruleActionMetadata: `${appComponentsBasePath}/rule-action`,
  ruleActionChange: `${appComponentsBasePath}/rule-action/change`,
  ruleActionSubmit: `${appComponentsBasePath}/rule-action/submit`,
  ruleActionRun: `${appComponentsBasePath}/rule-action/run`,
  /** The resource a task's Exalate widget stands for: one twin, opened as the remote item. */
  twin: `${appComponentsBasePath}/twins`,
} as const;

/** The resource URL attached to a task for its twin on a connection; the widget is shown for it. */
export function twinResourceUrl(appServerUrl: string, connectionId: string, taskGid: string): string {
  return `${appServerUrl}${appComponentPaths.twin}/${encodeURIComponent(connectionId)}/${encodeURIComponent(taskGid)}`;
}

/**
 * The connection and task a twin resource URL names. Read from the path alone: the node may be
 * reached under another host name than when the resource was attached (a proxy, a renamed host).
 */
export function readTwinResourceUrl(resourceUrl: string): { readonly connectionId: string; readonly taskGid: string } | undefined {
  let path: string;
  try {
    path = new URL(resourceUrl).pathname;
  } catch {
    return undefined;
  }
  const at = path.lastIndexOf(`${appComponentPaths.twin}/`);
  if (at < 0) return undefined;
  const parts = path.slice(at + appComponentPaths.twin.length + 1).split('/');
  if (parts.length !== 2 || parts.some((part) => part === '')) return undefined;
  try {
    return { connectionId: decodeURIComponent(parts[0] ?? ''), taskGid: decodeURIComponent(parts[1] ?? '') };
  } catch {
    return undefined;
  }
}

/** The "Match URL pattern" of the widget: a regular expression for the twin resource URLs of this node. */
export function widgetMatchPattern(appServerUrl: string): string {
  return `^${appServerUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}${appComponentPaths.twin.replace(/\//g, '\\/')}\\/[^/]+\\/\\d+$`;
}

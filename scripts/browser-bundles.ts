import type { BuildOptions } from 'esbuild';

/**
 * How the host apps' browser bundles are built, for `npm run package` and for the sandbox alike,
 * so that the sandbox shows the very bundles a host would load.
 */
export const browserBundleOptions: BuildOptions = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
  // React and Atlaskit read NODE_ENV to drop development checks.
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  // Icon fonts (azure-devops-ui's Fabric and Fluent icons) stay files beside the bundle, loaded
  // only when an icon shows; small images are inlined.
  loader: { '.png': 'dataurl', '.svg': 'dataurl', '.gif': 'dataurl', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file' },
  assetNames: '[name]-[hash]',
};

/**
 * The entry of each host app's page: the Forge Custom UI, the Azure DevOps hub, and the Azure DevOps
 * work item's group, context menu action and "Exalate this work item" dialog (in the extension's
 * work-item/ folder).
 */
export const hostAppEntries = {
  jiraCloudConsole: { name: 'console', entry: 'hosts/jira-cloud/ui/console-app.tsx' },
  jiraCloudItem: { name: 'item', entry: 'hosts/jira-cloud/ui/item-app.tsx' },
  azureDevOpsHub: { name: 'hub', entry: 'hosts/azure-devops/ui/hub-app.tsx' },
  azureDevOpsWorkItemGroup: { name: 'group', entry: 'hosts/azure-devops/ui/work-item-group-app.tsx' },
  azureDevOpsWorkItemAction: { name: 'action', entry: 'hosts/azure-devops/ui/work-item-action-app.ts' },
  azureDevOpsWorkItemDialog: { name: 'dialog', entry: 'hosts/azure-devops/ui/work-item-dialog-app.tsx' },
} as const;

/** The Azure DevOps work item's pages, built side by side into the extension's work-item/ folder. */
export const azureDevOpsWorkItemApps = ['azureDevOpsWorkItemGroup', 'azureDevOpsWorkItemAction', 'azureDevOpsWorkItemDialog'] as const;

/** The HTML page that loads a bundle: Custom UI's index.html, the hub's hub.html; without a stylesheet for a page that shows nothing (a menu action's). */
export function hostAppPage(title: string, script: string, stylesheet?: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    ${stylesheet === undefined ? '' : `<link rel="stylesheet" href="${stylesheet}" />`}
  </head>
  <body>
    <div id="root"></div>
    <script src="${script}"></script>
  </body>
</html>
`;
}

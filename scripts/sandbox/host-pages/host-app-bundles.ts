import { build } from 'esbuild';
import { join, relative } from 'node:path';
import { browserBundleOptions, hostAppEntries, hostAppPage } from '../../browser-bundles';

export type HostApp = keyof typeof hostAppEntries;

/** A host app's files by name (console.js, console.css, hub.html, fonts), as a host would serve them. */
export type HostAppFiles = ReadonlyMap<string, Uint8Array>;

const root = join(__dirname, '../../..');
const pages: Readonly<Record<HostApp, string>> = {
  jiraCloudConsole: 'index.html',
  jiraCloudItem: 'index.html',
  azureDevOpsHub: 'hub.html',
  azureDevOpsWorkItemGroup: 'group.html',
  azureDevOpsWorkItemAction: 'action.html',
  azureDevOpsWorkItemDialog: 'dialog.html',
};
const builds = new Map<HostApp, Promise<HostAppFiles>>();

/**
 * The Custom UI or the hub, built in memory with the packaging's own options on first use and kept
 * for the life of the sandbox: `npm start` stays quick, and the first visit pays for the build.
 */
export function hostAppFiles(app: HostApp): Promise<HostAppFiles> {
  let files = builds.get(app);
  if (files === undefined) {
    files = buildHostApp(app);
    builds.set(app, files);
    // A failed build is tried again on the next visit instead of being remembered.
    files.catch(() => builds.delete(app));
  }
  return files;
}

async function buildHostApp(app: HostApp): Promise<HostAppFiles> {
  const { name, entry } = hostAppEntries[app];
  const outdir = join(root, 'dist', 'sandbox', name);
  const result = await build({ ...browserBundleOptions, absWorkingDir: root, entryPoints: { [name]: entry }, outdir, write: false });
  const files = new Map<string, Uint8Array>(result.outputFiles.map((file) => [relative(outdir, file.path), file.contents]));
  files.set(pages[app], Buffer.from(hostAppPage('Exalate', `${name}.js`, files.has(`${name}.css`) ? `${name}.css` : undefined)));
  return files;
}

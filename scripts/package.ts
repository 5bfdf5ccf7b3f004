import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { z } from 'zod';
import { manifestFiles } from '../manifests/manifest-files';
import { azureDevOpsWorkItemApps, browserBundleOptions, hostAppEntries, hostAppPage } from './browser-bundles';
import { placeholderForgeAppId, readDeployConfiguration, type DeployConfiguration } from './deploy-configuration';
import { packageJiraServer } from './package-jira-server';

/**
 * `npm run package`: what each host installs, under dist/.
 * - dist/jira-cloud/: a complete Forge app directory (manifest.yml, package.json, src/index.js with
 *   the functions the manifest names, static/console/ with the Custom UI). `forge deploy` there.
 * - dist/azure-devops/exalate-<version>.vsix: the extension, made by tfx-cli from node_modules,
 *   offline, from a staging folder dist/azure-devops/extension/.
 * - dist/node/: the server, by scripts/build.ts itself (its entries, unchanged).
 * Bundles are built by esbuild, one entry per bundle, as scripts/build.ts does.
 */
const root = process.cwd();
const forgeRuntimePackages = ['@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver'] as const;

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const result = await work();
  process.stdout.write(`packaged ${name} in ${Math.round(performance.now() - startedAt)} ms\n`);
  return result;
}

const rootPackage = z
  .looseObject({ version: z.string(), dependencies: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));

/** The deployer's configuration from this process's environment (see scripts/deploy-configuration.ts). */
export function deployConfigurationFromEnvironment(): DeployConfiguration {
  return readDeployConfiguration(process.env, rootPackage.version);
}

export async function packageJiraCloud(outputDirectory = join(root, 'dist/jira-cloud'), configuration = deployConfigurationFromEnvironment()): Promise<void> {
  // The manifest is made before dist/ is touched, so a configuration it refuses changes nothing.
  const manifest = forgeManifest(configuration);
  rmSync(outputDirectory, { recursive: true, force: true });
  mkdirSync(join(outputDirectory, 'static/console'), { recursive: true });
  await build({
    entryPoints: ['hosts/jira-cloud/forge/index.ts'],
    outfile: join(outputDirectory, 'src/index.js'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'warning',
    // The Forge SDK must be the copy the Forge runtime bundles from the app's node_modules.
    external: ['@forge/*'],
  });
  const { jiraCloudConsole } = hostAppEntries;
  await build({ ...browserBundleOptions, entryPoints: { [jiraCloudConsole.name]: jiraCloudConsole.entry }, outdir: join(outputDirectory, 'static/console') });
  writeFileSync(join(outputDirectory, 'static/console/index.html'), hostAppPage('Exalate', 'console.js', 'console.css'));
  // The issue panel and the issue action: one Custom UI, which shows what its module is for.
  const { jiraCloudItem } = hostAppEntries;
  await build({ ...browserBundleOptions, entryPoints: { [jiraCloudItem.name]: jiraCloudItem.entry }, outdir: join(outputDirectory, 'static/item') });
  writeFileSync(join(outputDirectory, 'static/item/index.html'), hostAppPage('Exalate', 'item.js', 'item.css'));
  writeFileSync(join(outputDirectory, 'manifest.yml'), manifest);
  const dependencies = Object.fromEntries(forgeRuntimePackages.map((name) => [name, rootPackage.dependencies[name] ?? 'latest']));
  writeFileSync(
    join(outputDirectory, 'package.json'),
    `${JSON.stringify({ name: 'exalate-forge', version: rootPackage.version, private: true, description: 'Exalate for Jira Cloud (Forge app), built by npm run package.', main: 'src/index.js', license: 'Apache-2.0', dependencies }, null, 2)}\n`,
  );
  writeFileSync(
    join(outputDirectory, 'README.md'),
    '# Exalate for Jira Cloud\n\nBuilt by `npm run package`, which rewrites this folder: keep your app id and peer hosts in your deploy configuration (FORGE_APP_ID, FORGE_PEER_HOSTS or the file named by EXALATE_DEPLOY_CONFIG), never only here. Deploy:\n\n```\nnpm install\nforge deploy --environment production\nforge install --site your-site.atlassian.net --product jira --environment production   # first install only\n```\n\nThe first time, run `forge register` here and copy the app id it writes into manifest.yml to your deploy configuration before packaging again.\n',
  );
}

/**
 * manifests/jira-cloud/manifest.yml with the deployer's identity: the app id (so an update deploys
 * over the same app, its web-trigger URL and its KVS data) and the peer hosts Forge lets the
 * functions call (permissions.external.fetch.backend; Forge refuses egress to any other host).
 */
export function forgeManifest(configuration: DeployConfiguration): string {
  const template = z
    .looseObject({
      app: z.looseObject({ id: z.string() }),
      permissions: z.looseObject({ external: z.looseObject({ fetch: z.looseObject({ backend: z.array(z.unknown()) }) }) }),
    })
    .parse(load(readFileSync(manifestFiles.jiraCloud.manifest, 'utf8')));
  if (configuration.forgeAppId === undefined) {
    process.stderr.write(
      `dist/jira-cloud: no Forge app id configured, so manifest.yml keeps the placeholder ${placeholderForgeAppId}. Run \`forge register\` once and set FORGE_APP_ID (or forgeAppId in your deploy configuration) to the id it prints.\n`,
    );
  }
  if (configuration.forgePeerHosts.length === 0) {
    process.stderr.write(
      "dist/jira-cloud: no peer hosts configured (FORGE_PEER_HOSTS), so the app may only call the template's hosts; list your peers' hosts before deploying.\n",
    );
  }
  const manifest = {
    ...template,
    app: { ...template.app, id: configuration.forgeAppId ?? template.app.id },
    permissions: {
      ...template.permissions,
      external: {
        ...template.permissions.external,
        fetch: {
          ...template.permissions.external.fetch,
          backend:
            configuration.forgePeerHosts.length > 0
              ? configuration.forgePeerHosts.map((address) => ({ address }))
              : template.permissions.external.fetch.backend,
        },
      },
    },
  };
  return `# Written by npm run package from manifests/jira-cloud/manifest.yml and the deploy configuration; edit those, not this file.\n${dump(manifest, { lineWidth: 120, noRefs: true })}`;
}

export async function packageAzureDevOps(
  outputDirectory = join(root, 'dist/azure-devops'),
  configuration = deployConfigurationFromEnvironment(),
): Promise<string> {
  rmSync(outputDirectory, { recursive: true, force: true });
  const stage = join(outputDirectory, 'extension');
  mkdirSync(join(stage, 'hub'), { recursive: true });
  const { azureDevOpsHub } = hostAppEntries;
  await build({ ...browserBundleOptions, entryPoints: { [azureDevOpsHub.name]: azureDevOpsHub.entry }, outdir: join(stage, 'hub') });
  writeFileSync(join(stage, 'hub/hub.html'), hostAppPage('Exalate', 'hub.js', 'hub.css'));
  // The work item's group, context menu action and dialog, side by side in work-item/.
  const workItemFolder = join(stage, 'work-item');
  for (const app of azureDevOpsWorkItemApps) {
    const { name, entry } = hostAppEntries[app];
    await build({ ...browserBundleOptions, entryPoints: { [name]: entry }, outdir: workItemFolder });
    writeFileSync(
      join(workItemFolder, `${name}.html`),
      hostAppPage('Exalate', `${name}.js`, existsSync(join(workItemFolder, `${name}.css`)) ? `${name}.css` : undefined),
    );
  }
  const { directory, files, manifest: manifestName } = manifestFiles.azureDevOps;
  for (const file of files) cpSync(join(directory, file), join(stage, file), { recursive: true });
  // The publisher and version are the deployer's: the Marketplace lets only the publisher's own
  // members publish under it, and refuses an update whose version does not grow.
  const manifest = {
    ...z.looseObject({ id: z.string() }).parse(JSON.parse(readFileSync(join(stage, manifestName), 'utf8'))),
    publisher: configuration.azureDevOpsPublisher,
    version: configuration.azureDevOpsVersion,
  };
  writeFileSync(join(stage, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  const vsix = join(outputDirectory, `${manifest.publisher}.${manifest.id}-${manifest.version}.vsix`);
  await run(join(root, 'node_modules/.bin/tfx'), [
    'extension',
    'create',
    '--root',
    stage,
    '--manifests',
    manifestName,
    '--output-path',
    vsix,
    '--no-prompt',
    '--no-color',
  ]);
  return vsix;
}

export async function packageNode(): Promise<void> {
  // scripts/build.ts is the one definition of the node's bundles; it is run, not copied.
  await run(join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts']);
}

function run(command: string, parameters: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, parameters, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${parameters.join(' ')} failed (${code}):\n${output}`))));
  });
}

/** Bundle sizes, for docs/benchmarks.md: what each host downloads or deploys. */
export function bundleSizes(): Record<string, number> {
  const sizeOf = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const sizes: Record<string, number> = {
    'jira-cloud functions (src/index.js)': sizeOf('dist/jira-cloud/src/index.js'),
    'jira-cloud Custom UI (js + css)': sizeOf('dist/jira-cloud/static/console/console.js') + sizeOf('dist/jira-cloud/static/console/console.css'),
    'jira-cloud issue panel and action (js + css)': sizeOf('dist/jira-cloud/static/item/item.js') + sizeOf('dist/jira-cloud/static/item/item.css'),
    'azure-devops hub (js + css)': sizeOf('dist/azure-devops/extension/hub/hub.js') + sizeOf('dist/azure-devops/extension/hub/hub.css'),
    'azure-devops work item group (js + css)':
      sizeOf('dist/azure-devops/extension/work-item/group.js') + sizeOf('dist/azure-devops/extension/work-item/group.css'),
    'azure-devops work item action (js)': sizeOf('dist/azure-devops/extension/work-item/action.js'),
    'azure-devops work item dialog (js + css)':
      sizeOf('dist/azure-devops/extension/work-item/dialog.js') + sizeOf('dist/azure-devops/extension/work-item/dialog.css'),
    'node server (main.js)': sizeOf('dist/node/main.js'),
    'node console (js + css)': sizeOf('dist/node/console.js') + sizeOf('dist/node/console.css'),
  };
  for (const file of readdirSafe('dist/azure-devops').filter((name) => name.endsWith('.vsix')))
    sizes[`azure-devops ${file}`] = sizeOf(join('dist/azure-devops', file));
  return sizes;
}

function readdirSafe(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const configuration = deployConfigurationFromEnvironment();
  await Promise.all([
    timed('jira-cloud (Forge app)', () => packageJiraCloud(undefined, configuration)),
    timed('azure-devops (vsix)', () => packageAzureDevOps(undefined, configuration)),
    timed('node (server)', () => packageNode()),
  ]);
  await timed('jira-server (plugin jar)', async () => packageJiraServer(join(root, 'dist/jira-server'), configuration, rootPackage.version));
  const sizes = bundleSizes();
  writeFileSync('dist/bundle-sizes.json', `${JSON.stringify(sizes, null, 2)}\n`);
  for (const [name, bytes] of Object.entries(sizes)) process.stdout.write(`  ${name}: ${(bytes / 1024).toFixed(0)} KiB\n`);
}

if (process.argv[1]?.endsWith('package.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

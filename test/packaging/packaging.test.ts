import { validate } from '@forge/manifest';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { packageAzureDevOps, packageJiraCloud, packageNode } from '../../scripts/package';

/**
 * `npm run package`'s three outputs, checked as the hosts will read them: the Forge app directory
 * by Atlassian's own validator (full mode) and by following every handler and resource the
 * manifest names; the vsix by its listing and its manifest's contribution. The same bundles are
 * walked in Chromium inside their hosts' pages by test/e2e.
 */
const root = join(__dirname, '../..');
const forgeApp = join(root, 'dist/jira-cloud');
const azureDevOps = join(root, 'dist/azure-devops');
let vsix = '';

const forgeManifestSchema = z.looseObject({
  modules: z.looseObject({
    function: z.array(z.looseObject({ key: z.string(), handler: z.string() })),
    'jira:adminPage': z.array(
      z.looseObject({
        key: z.string(),
        title: z.string(),
        resource: z.string(),
        resolver: z.looseObject({ function: z.string() }),
        pages: z.array(z.looseObject({ title: z.string(), route: z.string() })).optional(),
        useAsConfig: z.boolean().optional(),
      }),
    ),
    webtrigger: z.array(z.looseObject({ function: z.string() })),
    trigger: z.array(z.looseObject({ function: z.string(), events: z.array(z.string()) })),
    scheduledTrigger: z.array(z.looseObject({ function: z.string() })),
    consumer: z.array(z.looseObject({ function: z.string(), queue: z.string() })),
    'jira:issueContext': z.array(
      z.looseObject({ key: z.string(), title: z.string(), resource: z.string(), resolver: z.looseObject({ function: z.string() }) }),
    ),
    'jira:issueAction': z.array(z.looseObject({ key: z.string(), title: z.string(), resource: z.string(), resolver: z.looseObject({ function: z.string() }) })),
  }),
  resources: z.array(z.looseObject({ key: z.string(), path: z.string() })),
  permissions: z.looseObject({ scopes: z.array(z.string()) }),
});

const contributionSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  targets: z.array(z.string()).optional(),
  properties: z.looseObject({ name: z.string().optional(), uri: z.string() }),
});

beforeAll(async () => {
  await packageJiraCloud(forgeApp);
  vsix = await packageAzureDevOps(azureDevOps);
  await packageNode();
}, 120_000);

describe('dist/jira-cloud: the Forge app directory', () => {
  const manifest = () => forgeManifestSchema.parse(load(readFileSync(join(forgeApp, 'manifest.yml'), 'utf8')));

  it("passes Atlassian's manifest validator in full mode", async () => {
    const result = await validate(false, join(forgeApp, 'manifest.yml'));
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('exports every handler the manifest names from the bundled functions', () => {
    const functions = manifest().modules.function;
    // Loaded as Forge loads it (CommonJS); @forge/* resolve from the repository's node_modules, as
    // Forge resolves them from the app's.
    const bundle = createRequire(__filename)(join(forgeApp, 'src/index.js')) as Record<string, unknown>;
    for (const { key, handler } of functions) {
      const [file, exported] = handler.split('.');
      expect([key, existsSync(join(forgeApp, 'src', `${file}.js`))]).toEqual([key, true]);
      expect([key, typeof bundle[exported ?? '']]).toEqual([key, 'function']);
    }
    const defined = new Set(functions.map((each) => each.key));
    const { modules } = manifest();
    const referenced = [
      ...[...modules['jira:adminPage'], ...modules['jira:issueContext'], ...modules['jira:issueAction']].map((page) => page.resolver.function),
      ...modules.webtrigger,
      ...modules.trigger,
      ...modules.scheduledTrigger,
      ...modules.consumer,
    ].map((each) => (typeof each === 'string' ? each : each.function));
    expect(referenced.filter((key) => !defined.has(key))).toEqual([]);
  });

  it('has the Custom UI at every resource path, with the files its page loads', () => {
    for (const resource of manifest().resources) {
      const page = readFileSync(join(forgeApp, resource.path, 'index.html'), 'utf8');
      const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
      const bundle = resource.path.split('/').pop() ?? '';
      expect(assets).toEqual([`${bundle}.css`, `${bundle}.js`]);
      for (const asset of assets) expect(statSync(join(forgeApp, resource.path, asset)).size).toBeGreaterThan(0);
    }
  });

  it('is the admin page the seeds describe: Exalate with its pages, a Configure page, and the events it needs', () => {
    const { modules, permissions } = manifest();
    const [admin, configure] = modules['jira:adminPage'];
    expect(admin).toMatchObject({ title: 'Exalate' });
    expect(admin?.pages?.map((page) => page.title)).toEqual(['Connections', 'Triggers', 'Sync queue', 'Errors', 'General settings']);
    expect(configure).toMatchObject({ title: 'Exalate', useAsConfig: true });
    expect(modules.trigger[0]?.events).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']);
    expect(modules.consumer[0]?.queue).toBe('exalate-work');
    expect(permissions.scopes).toEqual(expect.arrayContaining(['read:jira-work', 'write:jira-work', 'storage:app']));
  });

  it('has the issue panel "Exalate" and the issue action "Exalate", on the item surface’s own resolver and Custom UI', () => {
    const { modules, resources } = manifest();
    expect(modules['jira:issueContext']).toEqual([
      expect.objectContaining({ key: 'exalate-issue-panel', title: 'Exalate', resource: 'item', resolver: { function: 'item-resolver' } }),
    ]);
    expect(modules['jira:issueAction']).toEqual([
      expect.objectContaining({ key: 'exalate-issue-action', title: 'Exalate', resource: 'item', resolver: { function: 'item-resolver' } }),
    ]);
    expect(resources).toContainEqual({ key: 'item', path: 'static/item' });
    // The admin pages' resolver stays theirs: the item modules never reach the admin API through it.
    expect(modules['jira:adminPage'].every((page) => page.resolver.function === 'admin-resolver')).toBe(true);
  });

  it('lists the Forge runtime packages the bundle leaves to Forge', () => {
    const app = z.looseObject({ dependencies: z.record(z.string(), z.string()) }).parse(JSON.parse(readFileSync(join(forgeApp, 'package.json'), 'utf8')));
    expect(Object.keys(app.dependencies).sort()).toEqual(['@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver']);
  });
});

describe('dist/azure-devops: the extension', () => {
  const listing = () => execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean);

  it('was made by tfx with the manifests, the hub page and its script', () => {
    expect(dirname(vsix)).toBe(azureDevOps);
    expect(listing()).toEqual(
      expect.arrayContaining(['extension.vsixmanifest', 'extension.vsomanifest', 'hub/hub.html', 'hub/hub.js', 'hub/hub.css', 'images/exalate-logo.png']),
    );
    const identity = execFileSync('unzip', ['-p', vsix, 'extension.vsixmanifest'], { encoding: 'utf8' });
    expect(identity).toContain('Id="exalate" Publisher="idalko-tools"');
  });

  it('contributes the hub adnode to Organization settings, with its page inside the package', () => {
    const manifest = z
      .looseObject({ contributions: z.array(contributionSchema) })
      .parse(JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension.vsomanifest'], { encoding: 'utf8' })));
    const hub = manifest.contributions.find((contribution) => contribution.id === 'adnode');
    expect(hub).toMatchObject({
      type: 'ms.vss-web.hub',
      targets: ['ms.vss-web.collection-admin-hub-group'],
      properties: { name: 'Exalate', uri: 'hub/hub.html' },
    });
    for (const contribution of manifest.contributions) expect(listing()).toContain(contribution.properties.uri);
    const page = execFileSync('unzip', ['-p', vsix, 'hub/hub.html'], { encoding: 'utf8' });
    for (const asset of [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => `hub/${match[1]}`)) expect(listing()).toContain(asset);
  });

  it('contributes the work item form group "Exalate" and the context menu action "Exalate" with the dialog it opens, each page with the files it loads inside the package', () => {
    const manifest = z
      .looseObject({ contributions: z.array(contributionSchema) })
      .parse(JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension.vsomanifest'], { encoding: 'utf8' })));
    const byId = (id: string) => manifest.contributions.find((contribution) => contribution.id === id);
    expect(byId('work-item-group')).toMatchObject({
      type: 'ms.vss-work-web.work-item-form-group',
      targets: ['ms.vss-work-web.work-item-form'],
      properties: { name: 'Exalate', uri: 'work-item/group.html' },
    });
    // The host calls execute() on the object the action's page registers under this id (work-item-action-app.ts).
    expect(byId('work-item-action')).toMatchObject({
      type: 'ms.vss-web.action',
      targets: ['ms.vss-work-web.work-item-context-menu'],
      properties: { text: 'Exalate', uri: 'work-item/action.html', registeredObjectId: 'work-item-action' },
    });
    // openCustomDialog names it as `${extension id}.work-item-dialog` (sdk-work-item-host.ts).
    expect(byId('work-item-dialog')).toMatchObject({ type: 'ms.vss-web.external-content', properties: { uri: 'work-item/dialog.html' } });
    for (const name of ['group', 'action', 'dialog']) {
      const page = execFileSync('unzip', ['-p', vsix, `work-item/${name}.html`], { encoding: 'utf8' });
      const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => `work-item/${match[1]}`);
      expect(assets).toContain(`work-item/${name}.js`);
      for (const asset of assets) expect(listing()).toContain(asset);
    }
    const icon = byId('work-item-action')?.properties['icon'];
    expect(listing()).toContain(icon);
  });
});

describe('dist/node: the server', () => {
  it('is built by scripts/build.ts', () => {
    expect(statSync(join(root, 'dist/node/main.js')).size).toBeGreaterThan(0);
  });
});

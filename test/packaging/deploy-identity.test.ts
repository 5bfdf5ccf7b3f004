import { validate } from '@forge/manifest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { readDeployConfiguration, type DeployConfiguration } from '../../scripts/deploy-configuration';
import { packageAzureDevOps, packageJiraCloud } from '../../scripts/package';

/**
 * An update must keep the app's identity. Forge ties the web-trigger URL (every peer's address for
 * this node) and the KVS data to the app id in manifest.yml (developer.atlassian.com/platform/forge/
 * manifest-reference/app/); the Marketplace ties an extension to its publisher and refuses an update
 * whose version does not grow (learn.microsoft.com/azure/devops/extend/publish/overview). Packaging
 * takes them from the deployer's configuration, so packaging again gives the same identity.
 */
const appId = 'ari:cloud:ecosystem::app/3f2b6a1e-7c1d-4e8a-9b3f-5a6c7d8e9f01';
const configuration: DeployConfiguration = {
  forgeAppId: appId,
  forgePeerHosts: ['exalate.example.com', '*.partner.example.org'],
  jiraServerNodeUrl: undefined,
  azureDevOpsPublisher: 'acme-sync',
  azureDevOpsVersion: '1.4.2',
};
const root = join(__dirname, '../..');
let scratch = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'deploy-identity-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifestSchema = z.looseObject({
  app: z.looseObject({ id: z.string() }),
  permissions: z.looseObject({ external: z.looseObject({ fetch: z.looseObject({ backend: z.array(z.looseObject({ address: z.string() })) }) }) }),
});

describe('npm run package keeps the deployer identity', () => {
  it('writes the Forge app id and peer hosts from the configuration, the same on every packaging, and Atlassian validates it', async () => {
    const forgeApp = join(scratch, 'jira-cloud');
    for (const round of [1, 2]) {
      await packageJiraCloud(forgeApp, configuration);
      const manifest = manifestSchema.parse(load(readFileSync(join(forgeApp, 'manifest.yml'), 'utf8')));
      expect([round, manifest.app.id]).toEqual([round, appId]);
      expect([round, manifest.permissions.external.fetch.backend.map((entry) => entry.address)]).toEqual([
        round,
        ['exalate.example.com', '*.partner.example.org'],
      ]);
    }
    const result = await validate(false, join(forgeApp, 'manifest.yml'));
    expect(result.errors ?? []).toEqual([]);
  }, 120_000);

  it('writes the Azure DevOps publisher and version from the configuration into the vsix, the same on every packaging', async () => {
    const output = join(scratch, 'azure-devops');
    for (const round of [1, 2]) {
      const vsix = await packageAzureDevOps(output, configuration);
      expect([round, vsix]).toEqual([round, join(output, 'acme-sync.exalate-1.4.2.vsix')]);
      const identity = execFileSync('unzip', ['-p', vsix, 'extension.vsixmanifest'], { encoding: 'utf8' });
      expect([round, identity]).toEqual([round, expect.stringContaining('Id="exalate" Publisher="acme-sync" Version="1.4.2"')]);
    }
  }, 120_000);

  it('refuses a configuration it cannot deploy before it packages anything', () => {
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/package.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORGE_APP_ID: 'my-app' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nothing was packaged: forgeAppId: a Forge app id looks like ari:cloud:ecosystem::app\/<uuid>/);
    expect(run.stdout).not.toMatch(/packaged/);
  }, 60_000);
});

describe('the deploy configuration', () => {
  it('reads a file named by EXALATE_DEPLOY_CONFIG, with the variables winning over it', () => {
    const file = join(scratch, 'deploy.json');
    writeFileSync(
      file,
      JSON.stringify({ forgeAppId: appId, forgePeerHosts: ['a.example.com'], azureDevOpsPublisher: 'from-file', azureDevOpsVersion: '2.0.0' }),
    );
    expect(
      readDeployConfiguration(
        { EXALATE_DEPLOY_CONFIG: file, AZURE_DEVOPS_PUBLISHER: 'from-variable', FORGE_PEER_HOSTS: 'b.example.com, *.c.example.com' },
        '0.1.0',
      ),
    ).toEqual({
      forgeAppId: appId,
      forgePeerHosts: ['b.example.com', '*.c.example.com'],
      azureDevOpsPublisher: 'from-variable',
      azureDevOpsVersion: '2.0.0',
    });
  });

  it('defaults to the product publisher and the package version, with no app id until one is registered', () => {
    expect(readDeployConfiguration({}, '0.3.1')).toEqual({
      forgeAppId: undefined,
      forgePeerHosts: [],
      azureDevOpsPublisher: 'idalko-tools',
      azureDevOpsVersion: '0.3.1',
    });
  });

  it.each([
    ['a misspelt key in the file', { EXALATE_DEPLOY_CONFIG: 'FILE', file: { forgeAppID: appId } }, /forgeAppID|Unrecognized/],
    ['a peer host with a scheme', { FORGE_PEER_HOSTS: 'https://exalate.example.com' }, /without a scheme/],
    ['a version Azure DevOps refuses', { AZURE_DEVOPS_EXTENSION_VERSION: '1.4-beta' }, /three or four numbers/],
    ['a publisher with spaces', { AZURE_DEVOPS_PUBLISHER: 'acme sync' }, /publisher/],
    ['a file that does not exist', { EXALATE_DEPLOY_CONFIG: '/nonexistent/deploy.json' }, /does not exist/],
  ])('refuses %s with words that say what to fix', (_case, input, message) => {
    const { file, ...environment } = input as Record<string, unknown> & { file?: unknown };
    if (file !== undefined) {
      const path = join(scratch, 'misspelt.json');
      writeFileSync(path, JSON.stringify(file));
      environment['EXALATE_DEPLOY_CONFIG'] = path;
    }
    expect(() => readDeployConfiguration(environment as NodeJS.ProcessEnv, '0.1.0')).toThrow(message);
  });
});

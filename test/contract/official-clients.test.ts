import * as asana from 'asana';
import * as azureDevOps from 'azure-devops-node-api';
import { Version2Client, Version3Client } from 'jira.js';
import { startAsanaHarness, type AsanaHarness } from '../support/asana-harness';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../support/azure-devops-harness';
import { startEmulatorServer } from '../../hosts/emulator-kit';
import { createJiraCloudEmulator } from '../../hosts/jira-cloud/emulator';
import { createJiraServerEmulator } from '../../hosts/jira-server/emulator';
import { createSpecCheckingFetch, type SpecCheckingFetch, type SpecCheckingFetchOptions } from '../spec/spec-checking-fetch';
import { startCheckingProxy, type RunningCheckingProxy } from '../support/checking-proxy';
import { jiraCloudSpecOptions, jiraServerSpecOptions } from '../support/jira-spec-options';

/**
 * People point the trackers' own client libraries at the sandbox's `trackerApi` with `trackerAuth`
 * (GET /sandbox.json) to try their scripts. Each emulator must serve those clients' everyday
 * operations, the way the clients send them: jira.js (Version3Client on Jira Cloud, Version2Client
 * on Jira DC), azure-devops-node-api, and asana (v3). The clients bring their own HTTP stacks, so
 * they talk to the emulator through a proxy that checks every exchange against the official
 * documents, as the adapter contract suites do.
 */

/** The secret part of an `Authorization` value: Basic `user:secret`, or Bearer `secret`. */
function credentialsOf(authorization: string): { readonly user: string; readonly secret: string } {
  const [scheme, value = ''] = authorization.split(' ');
  if (scheme === 'Bearer') return { user: '', secret: value };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return { user: decoded.slice(0, separator), secret: decoded.slice(separator + 1) };
}

const plainDocument = (text: string) => ({ type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/** A Jira emulator on a port, reached through a proxy that checks every exchange against the deployment's document. */
interface ProxiedJiraEmulator {
  /** The emulator's REST root as the client reaches it: through the proxy. */
  readonly host: string;
  readonly credentials: ReturnType<typeof credentialsOf>;
  readonly specCheck: SpecCheckingFetch;
  close(): Promise<void>;
}

async function startProxiedJiraEmulator(
  emulator: { readonly routes: Parameters<typeof startEmulatorServer>[0]; readonly authorization: string },
  prefix: string,
  specOptions: (documentRoot: string) => SpecCheckingFetchOptions,
): Promise<ProxiedJiraEmulator> {
  const server = await startEmulatorServer(emulator.routes, { prefix });
  const specCheck = createSpecCheckingFetch(specOptions(server.mountUrl));
  const proxy = await startCheckingProxy(server.origin, specCheck.fetch);
  return {
    host: `${proxy.origin}${prefix}`,
    credentials: credentialsOf(emulator.authorization),
    specCheck,
    close: async () => {
      await proxy.close();
      await server.close();
    },
  };
}

describe('jira.js Version3Client against the Jira Cloud emulator', () => {
  let jira: ProxiedJiraEmulator;
  let client: Version3Client;

  beforeAll(async () => {
    jira = await startProxiedJiraEmulator(createJiraCloudEmulator(), '/jira-cloud/tracker', jiraCloudSpecOptions);
    client = new Version3Client({ host: jira.host, authentication: { basic: { email: jira.credentials.user, apiToken: jira.credentials.secret } } });
  });
  afterEach(() => {
    jira.specCheck.assertExchangesMatchSpec();
    jira.specCheck.clear();
  });
  afterAll(() => jira.close());

  it('lists projects (project search) and reads one by key', async () => {
    const page = await client.projects.searchProjects({});
    expect(page.values.map((project) => project.key)).toContain('SUP');
    const one = await client.projects.getProject({ projectIdOrKey: 'SUP' });
    expect(one.issueTypes?.map((type) => type.name)).toContain('Bug');
  });

  it('creates an issue, reads it, updates it, comments on it, and moves it through a transition', async () => {
    const created = await client.issues.createIssue({
      fields: { project: { key: 'SUP' }, issuetype: { name: 'Bug' }, summary: 'Printer on fire', description: plainDocument('Smoke on floor 3.') },
    });
    expect(created.key).toMatch(/^SUP-\d+$/);

    await client.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: 'Printer on fire, again' } });
    const read = await client.issues.getIssue({ issueIdOrKey: created.key });
    expect(read.fields.summary).toBe('Printer on fire, again');

    await client.issueComments.addComment({ issueIdOrKey: created.key, comment: plainDocument('Extinguisher used.') });
    const comments = await client.issueComments.getComments({ issueIdOrKey: created.key });
    expect(comments.comments?.length).toBe(1);

    const { transitions = [] } = await client.issues.getTransitions({ issueIdOrKey: created.key });
    const start = transitions.find((transition) => transition.to?.name === 'In Progress');
    expect(start).toBeDefined();
    await client.issues.doTransition({ issueIdOrKey: created.key, transition: { id: start!.id! } });
    const moved = await client.issues.getIssue({ issueIdOrKey: created.key, fields: ['status'] });
    expect(moved.fields.status.name).toBe('In Progress');
  });

  it('finds issues by JQL with the enhanced search, GET and POST', async () => {
    const created = await client.issues.createIssue({ fields: { project: { key: 'SUP' }, issuetype: { name: 'Bug' }, summary: 'Found by JQL' } });
    const byGet = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
      jql: 'project = SUP ORDER BY created DESC',
      fields: ['summary'],
      maxResults: 50,
    });
    expect(byGet.issues?.map((issue) => issue.key)).toContain(created.key);
    const byPost = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: `key = ${created.key}`, fields: ['summary'] });
    expect(byPost.issues?.[0]?.fields.summary).toBe('Found by JQL');
  });
});

describe('jira.js Version2Client against the Jira Server/DC emulator', () => {
  let jira: ProxiedJiraEmulator;
  let client: Version2Client;

  beforeAll(async () => {
    jira = await startProxiedJiraEmulator(createJiraServerEmulator(), '/jira-server/tracker', jiraServerSpecOptions);
    // A personal access token is a Bearer token (Jira 8.14+), which jira.js sends for oauth2.
    client = new Version2Client({ host: jira.host, authentication: { oauth2: { accessToken: jira.credentials.secret } } });
  });
  afterEach(() => {
    jira.specCheck.assertExchangesMatchSpec();
    jira.specCheck.clear();
  });
  afterAll(() => jira.close());

  it('lists projects (Jira DC has no project search: the plain list) and reads one by key', async () => {
    // jira.js has no method for GET /rest/api/2/project; its generic request sends it the same way (no callback: a promise).
    const all = await client.sendRequest<Array<{ key: string }>>({ url: '/rest/api/2/project', method: 'GET' }, undefined as never);
    expect(all.map((project) => project.key)).toContain('ENG');
    const one = await client.projects.getProject({ projectIdOrKey: 'ENG' });
    expect(one.issueTypes?.map((type) => type.name)).toContain('Bug');
  });

  it('creates an issue, reads it, updates it, comments on it, and moves it through a transition', async () => {
    const created = await client.issues.createIssue({
      fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Build is red', description: 'Since *Tuesday*.' },
    });
    expect(created.key).toMatch(/^ENG-\d+$/);

    await client.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: 'Build is red on main' } });
    const read = await client.issues.getIssue({ issueIdOrKey: created.key });
    expect(read.fields.summary).toBe('Build is red on main');
    expect(read.fields.description).toBe('Since *Tuesday*.');

    await client.issueComments.addComment({ issueIdOrKey: created.key, comment: 'Reverted the last merge.' });
    const comments = await client.issueComments.getComments({ issueIdOrKey: created.key });
    // jira.js types a v2 comment without its `body` (wiki markup on Jira DC), though Jira sends it.
    expect(comments.comments?.map((comment) => (comment as { readonly body?: unknown }).body)).toEqual(['Reverted the last merge.']);

    const { transitions = [] } = await client.issues.getTransitions({ issueIdOrKey: created.key });
    const start = transitions.find((transition) => transition.to?.name === 'In Progress');
    expect(start).toBeDefined();
    await client.issues.doTransition({ issueIdOrKey: created.key, transition: { id: start!.id! } });
    const moved = await client.issues.getIssue({ issueIdOrKey: created.key, fields: ['status'] });
    expect(moved.fields.status.name).toBe('In Progress');
  });

  it('finds issues by JQL with /search, GET and POST, as Jira DC serves it', async () => {
    const created = await client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Found by JQL' } });
    const byGet = await client.issueSearch.searchForIssuesUsingJql({ jql: 'project = ENG ORDER BY created DESC', fields: ['summary'], maxResults: 50 });
    expect(byGet.issues?.map((issue) => issue.key)).toContain(created.key);
    const byPost = await client.issueSearch.searchForIssuesUsingJqlPost({ jql: `key = ${created.key}`, fields: ['summary'] });
    expect(byPost.issues?.[0]?.fields.summary).toBe('Found by JQL');
  });
});

describe('azure-devops-node-api against the Azure DevOps emulator', () => {
  let harness: AzureDevOpsHarness;
  let proxy: RunningCheckingProxy;
  let connection: azureDevOps.WebApi;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
    proxy = await startCheckingProxy(harness.server.origin, harness.checks.fetch);
    const organizationUrl = harness.organizationUrl.replace(harness.server.origin, proxy.origin);
    connection = new azureDevOps.WebApi(organizationUrl, azureDevOps.getPersonalAccessTokenHandler(credentialsOf(harness.emulator.authorization).secret));
  });
  afterEach(() => {
    try {
      // Answers carry absolute URLs (locationUrl, next_page.uri): a client that followed one past the proxy would go unchecked.
      expect(harness.checks.exchanges.length).toBeGreaterThan(0);
      harness.checks.assertExchangesMatchSpec();
    } finally {
      harness.checks.clear();
    }
  });
  afterAll(async () => {
    await proxy.close();
    await harness.close();
  });

  it('lists projects with the core API', async () => {
    const core = await connection.getCoreApi();
    const projects = await core.getProjects();
    expect(projects.map((project) => project.name)).toContain('Fabrikam Fiber');
    const one = await core.getProject('Fabrikam Fiber');
    expect(one.name).toBe('Fabrikam Fiber');
  });

  it('creates a work item, reads it, updates it with a JSON patch, and finds it with WIQL', async () => {
    const workItems = await connection.getWorkItemTrackingApi();
    const created = await workItems.createWorkItem(
      {},
      [
        { op: 'add', path: '/fields/System.Title', value: 'Checkout times out' },
        { op: 'add', path: '/fields/System.Description', value: '<p>Since the last deployment.</p>' },
      ],
      'Fabrikam Fiber',
      'Bug',
    );
    expect(created.id).toBeGreaterThan(0);

    await workItems.updateWorkItem({}, [{ op: 'replace', path: '/fields/System.Title', value: 'Checkout times out at peak' }], created.id!);
    const read = await workItems.getWorkItem(created.id!);
    expect(read.fields?.['System.Title']).toBe('Checkout times out at peak');

    const found = await workItems.queryByWiql(
      { query: `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = 'Fabrikam Fiber' AND [System.Title] CONTAINS 'Checkout'` },
      { project: 'Fabrikam Fiber' },
    );
    expect(found.workItems?.map((reference) => reference.id)).toContain(created.id);
    const batch = await workItems.getWorkItems([created.id!], ['System.Title', 'System.State']);
    expect(batch[0]?.fields?.['System.State']).toBe('New');
  });

  it('adds comments to a work item and lists them', async () => {
    const workItems = await connection.getWorkItemTrackingApi();
    const created = await workItems.createWorkItem({}, [{ op: 'add', path: '/fields/System.Title', value: 'Needs a comment' }], 'Fabrikam Fiber', 'Bug');
    const comment = await workItems.addComment({ text: 'Reproduced on staging.' }, 'Fabrikam Fiber', created.id!);
    expect(comment.text).toBe('Reproduced on staging.');
    const list = await workItems.getComments('Fabrikam Fiber', created.id!);
    expect(list.comments?.map((each) => each.text)).toEqual(['Reproduced on staging.']);
  });
});

describe('asana (v3) against the Asana emulator', () => {
  let harness: AsanaHarness;
  let proxy: RunningCheckingProxy;
  let apiClient: asana.ApiClient;

  beforeAll(async () => {
    harness = await startAsanaHarness();
    proxy = await startCheckingProxy(harness.server.origin, harness.checks.fetch);
    apiClient = new asana.ApiClient();
    apiClient.basePath = `${harness.server.mountUrl.replace(harness.server.origin, proxy.origin)}/api/1.0`;
    apiClient.authentications['token']!.accessToken = credentialsOf(harness.emulator.authorization).secret;
  });
  afterEach(() => {
    try {
      // Answers carry absolute URLs (locationUrl, next_page.uri): a client that followed one past the proxy would go unchecked.
      expect(harness.checks.exchanges.length).toBeGreaterThan(0);
      harness.checks.assertExchangesMatchSpec();
    } finally {
      harness.checks.clear();
    }
  });
  afterAll(async () => {
    await proxy.close();
    await harness.close();
  });

  const firstWorkspace = async (): Promise<string> => {
    const workspaces = await new asana.WorkspacesApi(apiClient).getWorkspaces({});
    return workspaces.data[0].gid;
  };
  const projectNamed = async (name: string): Promise<string> => {
    const projects = await new asana.ProjectsApi(apiClient).getProjectsForWorkspace(await firstWorkspace(), {});
    return projects.data.find((project: { name: string }) => project.name === name).gid;
  };

  it('lists workspaces and the projects of a workspace', async () => {
    const workspaces = await new asana.WorkspacesApi(apiClient).getWorkspaces({ opt_fields: 'name,is_organization' });
    expect(workspaces.data.map((workspace: { name: string }) => workspace.name)).toEqual(['Acme Corp', 'Partner Workspace']);
    const projects = await new asana.ProjectsApi(apiClient).getProjectsForWorkspace(workspaces.data[0].gid, { archived: false, opt_fields: 'name,archived' });
    expect(projects.data.map((project: { name: string }) => project.name)).toEqual(['Roadmap', 'Bugs']);
  });

  it('creates a task in a project, reads it, updates it, and finds it among the project’s tasks', async () => {
    const tasks = new asana.TasksApi(apiClient);
    const project = await projectNamed('Bugs');
    const created = await tasks.createTask(
      { data: { name: 'Login button misaligned', notes: 'On Safari only.', projects: [project] } },
      { opt_fields: 'name,notes,projects' },
    );
    expect(created.data.name).toBe('Login button misaligned');

    await tasks.updateTask({ data: { name: 'Login button misaligned on Safari', completed: true } }, created.data.gid, {});
    const read = await tasks.getTask(created.data.gid, { opt_fields: 'name,notes,completed' });
    expect(read.data).toMatchObject({ name: 'Login button misaligned on Safari', notes: 'On Safari only.', completed: true });

    const inProject = await tasks.getTasksForProject(project, { opt_fields: 'name' });
    expect(inProject.data.map((task: { gid: string }) => task.gid)).toContain(created.data.gid);
  });

  it('comments on a task (stories) and lists them', async () => {
    const task = await new asana.TasksApi(apiClient).createTask({ data: { name: 'Needs a comment', workspace: await firstWorkspace() } }, {});
    const stories = new asana.StoriesApi(apiClient);
    const story = await stories.createStoryForTask({ data: { text: 'Seen it too.' } }, task.data.gid, {});
    expect(story.data.text).toBe('Seen it too.');
    const list = await stories.getStoriesForTask(task.data.gid, { opt_fields: 'text,type' });
    expect(list.data.filter((each: { type: string }) => each.type === 'comment').map((each: { text: string }) => each.text)).toEqual(['Seen it too.']);
  });
});

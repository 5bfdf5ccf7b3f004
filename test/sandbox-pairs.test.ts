import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainTextOf, type RichText, type TrackerItemOperations, type TrackerKind, type TrackerV1 } from '../core';
import { AsanaAdapter } from '../hosts/asana/adapter';
import { AzureDevOpsAdapter } from '../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../hosts/jira-cloud/adapter';
import { JiraServerAdapter } from '../hosts/jira-server/adapter';
import { createSandbox, type RunningSandbox } from '../scripts/sandbox/create-sandbox';
import { freePort } from './support/free-port';
import { adminClient, instanceOf } from './support/sandbox-client';
import { waitFor } from './support/wait-for';

type Tracker = TrackerV1 & TrackerItemOperations;

/** Per tracker: where items go, what type they are, and what "done" is called there. */
const vocabulary: Record<TrackerKind, { project: string; type: string; done: string }> = {
  'jira-cloud': { project: 'SUP', type: 'Task', done: 'Done' },
  'jira-server': { project: 'ITSM', type: 'Task', done: 'Done' },
  'azure-devops': { project: 'Fabrikam Fiber', type: 'Task', done: 'Closed' },
  asana: { project: '1205000000000003', type: 'Task', done: 'completed' },
};
const trackers: TrackerKind[] = ['jira-cloud', 'jira-server', 'azure-devops', 'asana'];
const pairs = trackers.flatMap((from) => trackers.filter((to) => to !== from).map((to) => [from, to] as const));

const formatted: RichText = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Customers see ' },
        { type: 'text', text: 'error 502', marks: ['bold'] },
        { type: 'text', text: ' at checkout.' },
      ],
    },
    {
      type: 'bulletList',
      items: [
        [{ type: 'paragraph', content: [{ type: 'text', text: 'Safari 17' }] }],
        [{ type: 'paragraph', content: [{ type: 'text', text: 'Firefox 120' }] }],
      ],
    },
  ],
};

function hasBold(document: RichText): boolean {
  return JSON.stringify(document).includes('"bold"');
}

/**
 * Every tracker with every other, both ways, over public connections in the sandbox: summary,
 * formatted description, status, comments and attachments, through each tracker's REST API.
 */
describe('the sandbox: all 12 ordered tracker pairs', () => {
  let sandbox: RunningSandbox;
  let dataDirectory: string;
  const users = new Map<TrackerKind, Tracker>();

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-pairs-'));
    sandbox = await createSandbox({ port: await freePort(), dataDirectory });
    for (const kind of trackers) {
      const instance = instanceOf(sandbox.description, kind);
      const options = { baseUrl: instance.trackerApi, authorization: instance.trackerAuth };
      users.set(
        kind,
        kind === 'jira-cloud'
          ? new JiraCloudAdapter(options)
          : kind === 'jira-server'
            ? new JiraServerAdapter(options)
            : kind === 'azure-devops'
              ? new AzureDevOpsAdapter(options)
              : new AsanaAdapter(options),
      );
    }
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it.each(pairs)(
    '%s → %s and back',
    async (from, to) => {
      const source = users.get(from)!;
      const target = users.get(to)!;
      const sourceAdmin = adminClient(instanceOf(sandbox.description, from));
      const targetAdmin = adminClient(instanceOf(sandbox.description, to));
      const initiated = await sourceAdmin('POST', '/connections/initiate', {
        destinationUrl: instanceOf(sandbox.description, to).url,
        mode: 'script',
        localName: `${from}-side`,
        remoteName: `${to}-side`,
        name: `${from}_to_${to}`,
        projectKey: vocabulary[from].project,
      });
      expect(initiated.status).toBe(201);
      expect(
        (await targetAdmin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: vocabulary[to].project })).status,
      ).toBe(201);
      const connectionId = initiated.body.connection.id as string;

      const summary = `Checkout error (${from} to ${to})`;
      const { key } = await source.createItem({ projectKey: vocabulary[from].project, type: vocabulary[from].type, summary, description: formatted });
      await source.updateItem(key, { status: vocabulary[from].done });
      await source.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `First seen on ${from}` }] }] });
      const log = new TextEncoder().encode(`trace from ${from}\n`);
      await source.uploadAttachment(key, { filename: 'trace.log', mimeType: 'text/plain', content: log });
      expect((await sourceAdmin('POST', `/connections/${connectionId}/sync`, { issueKey: key })).status).toBe(202);

      const remoteKey = await waitFor(
        `${key} to reach ${to}`,
        async () => {
          const twin = await sourceAdmin('GET', `/connections/${connectionId}/twins/${key}`);
          return twin.body?.status === 'synchronized' ? (twin.body.remoteKey as string) : undefined;
        },
        20_000,
      );
      const arrived = (await target.getItem(remoteKey))!;
      expect(arrived.summary).toBe(summary);
      expect(plainTextOf(arrived.description)).toContain('error 502');
      expect(plainTextOf(arrived.description)).toContain('Firefox 120');
      expect(hasBold(arrived.description)).toBe(true);
      expect(arrived.status).toBe(vocabulary[to].done);
      expect(arrived.comments.map((comment) => plainTextOf(comment.body))).toEqual([expect.stringContaining(`First seen on ${from}`)]);
      expect(arrived.attachments.map((attachment) => attachment.filename)).toEqual(['trace.log']);
      expect(new TextDecoder().decode(await target.downloadAttachment(remoteKey, arrived.attachments[0]!.id))).toBe(`trace from ${from}\n`);

      // And back: a rename and a comment on the other side reach the source, once.
      await target.updateItem(remoteKey, { summary: `${summary} – confirmed` });
      await target.addComment(remoteKey, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Confirmed on ${to}` }] }] });
      await waitFor(
        `the reply from ${to}`,
        async () => {
          const back = (await source.getItem(key))!;
          return back.summary === `${summary} – confirmed` && back.comments.length === 2 ? back : undefined;
        },
        20_000,
      );
      expect((await source.getItem(key))!.attachments).toHaveLength(1);
      expect((await target.getItem(remoteKey))!.comments).toHaveLength(2);
    },
    60_000,
  );
});

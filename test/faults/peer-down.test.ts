import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noteLocalChange } from '../../core';
import { MemoryTracker } from '../fakes/memory-tracker';
import { freePort } from '../support/free-port';
import { startTestNode, type TestNode } from '../support/test-node';
import { waitFor } from '../support/wait-for';
import { trackerItem } from '../fakes/tracker-item';

/**
 * The public side goes down while the private side keeps changing an item: the private side's
 * queue holds every change (retrying with backoff), and when the public side is back at the same
 * URL, the changes arrive in order and each is written once; the private side's poller, cut off
 * meanwhile, reconnects and collects the public side's changes again.
 */
describe('a peer that is down for a while', () => {
  it('holds the queue and resumes in order when the peer comes back', async () => {
    const jira = new MemoryTracker('jira-cloud');
    const ado = new MemoryTracker('azure-devops');
    const timing = { reconcileIntervalMs: 60_000, pollWaitMs: 500 };
    const port = await freePort();
    const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-peer-down-'));
    let publicNode: TestNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: timing, port, dataDirectory });
    const privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, sync: timing });
    try {
      const initiated = await publicNode.admin('POST', '/connections/initiate', {
        destinationUrl: null,
        mode: 'script',
        localName: 'jira',
        remoteName: 'ado',
        name: 'down',
        projectKey: 'SUP',
      });
      await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
      const connectionId = initiated.body.connection.id as string;
      jira.items.set('SUP-1', trackerItem({ key: 'SUP-1', summary: 'before' }));
      await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
      const remoteKey = await waitFor('the twin', async () => {
        const twin = (await publicNode.admin('GET', `/connections/${connectionId}/twins/SUP-1`)).body;
        return twin?.status === 'synchronized' ? (twin.remoteKey as string) : undefined;
      });

      await publicNode.close();
      for (const summary of ['down 1', 'down 2', 'down 3']) {
        ado.edit(remoteKey, { summary });
        await noteLocalChange(privateNode.context, remoteKey);
      }
      await waitFor('the private side to record the outage', async () =>
        ((await privateNode.admin('GET', '/errors')).body as { code: string }[]).some((error) => error.code === 'destination_unreachable'),
      );
      const queued = (await privateNode.admin('GET', `/connections/${connectionId}/queue`)).body.counts.outbound;
      expect(queued.queued + queued.in_flight).toBe(3);
      const writesWhileDown = jira.writes.length;

      publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: timing, port, dataDirectory });
      // The retry waits out its backoff; an admin can also press Retry. Here the backoff is left to run.
      await waitFor('the last change on Jira', () => jira.items.get('SUP-1')!.summary === 'down 3', 60_000);
      expect(jira.writes.slice(writesWhileDown)).toEqual(['update SUP-1 summary', 'update SUP-1 summary', 'update SUP-1 summary']);

      // The private side's long poll was cut off with the peer; it reconnected by itself and
      // collects changes from the public side again.
      jira.edit('SUP-1', { summary: 'after the outage' });
      await noteLocalChange(publicNode.context, 'SUP-1');
      await waitFor('the public change on the private side', () => ado.items.get(remoteKey)!.summary === 'after the outage', 60_000);
    } finally {
      await Promise.all([publicNode.close(), privateNode.close()]);
    }
  }, 90_000);
});

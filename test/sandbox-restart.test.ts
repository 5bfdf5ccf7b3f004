import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox } from '../scripts/sandbox/create-sandbox';
import { freePort } from './support/free-port';
import { adminClient, instanceOf } from './support/sandbox-client';

describe('the sandbox keeps its state under DATA_DIR', () => {
  it('shows the same connections, node identities and admin tokens after a restart', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-sandbox-'));
    try {
      // The same port, as after a real restart: invitation codes carry the node's URL.
      const port = await freePort();
      const first = await createSandbox({ port, dataDirectory });
      const asana = adminClient(instanceOf(first.description, 'asana'));
      const initiated = await asana('POST', '/connections/initiate', {
        destinationUrl: null,
        mode: 'script',
        localName: 'asana',
        remoteName: 'onprem',
        name: 'keep_me',
        projectKey: '1205000000000003',
      });
      expect(initiated.status).toBe(201);
      const instanceBefore = (await asana('GET', '/instance')).body;
      await first.close();

      const second = await createSandbox({ port, dataDirectory });
      try {
        expect(second.description.instances.map((instance) => instance.adminToken)).toEqual(first.description.instances.map((instance) => instance.adminToken));
        const asanaAgain = adminClient(instanceOf(second.description, 'asana'));
        expect((await asanaAgain('GET', '/instance')).body.nodeId).toBe(instanceBefore.nodeId);
        expect((await asanaAgain('GET', '/connections')).body).toEqual([
          expect.objectContaining({ id: initiated.body.connection.id, name: 'keep_me', status: 'pending' }),
        ]);
        // The code issued before the restart still works after it.
        const privateSide = adminClient(second.description.instances.find((instance) => !instance.public)!);
        const accepted = await privateSide('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'Platform' });
        expect(accepted.status).toBe(201);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { schemaForNode } from '../../hosts/node/store/postgres-pool';
import { createSandbox } from '../../scripts/sandbox/create-sandbox';
import { sandboxInstances } from '../../scripts/sandbox/sandbox-instances';
import { freePort } from '../support/free-port';
import { postgresForTests } from '../support/postgres-server';
import { adminClient, instanceOf } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';

jest.setTimeout(90_000);

describe('the sandbox with DATABASE_URL', () => {
  it('keeps every node in its own PostgreSQL schema, syncs, and finds its state again after a restart', async () => {
    const url = await postgresForTests();
    const schemas = sandboxInstances.map((definition) => schemaForNode(definition.id));
    await dropSchemas(url, schemas);
    const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-sandbox-postgres-'));
    try {
      const port = await freePort();
      const first = await createSandbox({ port, dataDirectory, databaseUrl: url });
      let connectionId: string;
      let issueKey: string;
      try {
        const jira = instanceOf(first.description, 'jira-cloud');
        const ado = instanceOf(first.description, 'azure-devops-private');
        const initiated = await adminClient(jira)('POST', '/connections/initiate', {
          destinationUrl: null,
          mode: 'script',
          localName: 'jira',
          remoteName: 'ado',
          name: 'on_postgres',
          projectKey: 'SUP',
        });
        expect(initiated.status).toBe(201);
        connectionId = initiated.body.connection.id;
        expect(
          (await adminClient(ado)('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'Fabrikam Fiber' })).status,
        ).toBe(201);
        const jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth });
        issueKey = (await jiraUser.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Stored in PostgreSQL' })).key;
        expect((await adminClient(jira)('POST', `/connections/${connectionId}/sync`, { issueKey })).status).toBe(202);
        const remoteKey = await waitFor('the twin', async () => {
          const twin = await adminClient(jira)('GET', `/connections/${connectionId}/twins/${issueKey}`);
          return twin.status === 200 && twin.body.status === 'synchronized' ? (twin.body.remoteKey as string) : undefined;
        });
        const adoUser = new AzureDevOpsAdapter({ baseUrl: ado.trackerApi, authorization: ado.trackerAuth });
        expect((await adoUser.getItem(remoteKey))?.summary).toBe('Stored in PostgreSQL');
        const metrics = await (await fetch(`${jira.url}/metrics`)).text();
        expect(metrics).toContain(`exalate_queue_entries{connection="${connectionId}",direction="outbound",state="done"}`);
        expect((await fetch(`${jira.url}/readyz`)).status).toBe(200);
      } finally {
        await first.close();
      }
      // Node state went to PostgreSQL, not to SQLite files under the data directory.
      expect(
        readdirSync(dataDirectory, { recursive: true })
          .map(String)
          .filter((name) => name.endsWith('.sqlite')),
      ).toEqual([]);
      expect(await existingSchemas(url, schemas)).toEqual([...schemas].sort());

      const second = await createSandbox({ port, dataDirectory, databaseUrl: url });
      try {
        const jira = instanceOf(second.description, 'jira-cloud');
        expect(jira.adminToken).toBe(instanceOf(first.description, 'jira-cloud').adminToken);
        expect((await adminClient(jira)('GET', '/connections')).body).toEqual([expect.objectContaining({ id: connectionId, status: 'active' })]);
        expect((await adminClient(jira)('GET', `/connections/${connectionId}/twins/${issueKey}`)).body).toMatchObject({ status: 'synchronized' });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
      expect(existsSync(dataDirectory)).toBe(false);
    }
  });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The sandbox's schema names are fixed (one per instance): start from none. */
function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  return withClient(url, async (client) => {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
}

function existingSchemas(url: string, schemas: readonly string[]): Promise<string[]> {
  return withClient(url, async (client) =>
    (await client.query('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname', [schemas])).rows.map(
      (row: { nspname: string }) => row.nspname,
    ),
  );
}

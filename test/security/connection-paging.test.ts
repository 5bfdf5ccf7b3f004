import { defaultConnectionPageSize, maximumConnectionPageSize, type Connection } from '../../core';
import { createHttpTransport } from '../../hosts/console-kit/http-transport';
import { createConsoleClient } from '../../hosts/console-kit/operation-client';
import { FakeTracker } from '../fakes/fake-tracker';
import { startTestNode, type TestNode } from '../support/test-node';
import { connectionRecord } from '../fakes/connection-record';

/**
 * `GET /connections` answered every connection in one body, however many the node held. It now
 * answers in pages, while the body keeps its contract (an array of connections) and the next page
 * is named in a Link header.
 */
describe('paging GET /connections', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ name: 'paging', isPublic: true, tracker: new FakeTracker('jira-cloud') });
  });
  afterAll(async () => {
    await node.close();
  });

  const list = async (query: string) => {
    const response = await fetch(`${node.adminApi}/connections${query}`, { headers: { authorization: `Bearer ${node.adminToken}` } });
    return {
      status: response.status,
      link: response.headers.get('link'),
      body: (await response.json()) as { id: string; error?: unknown }[] & { error?: { code: string; message: string } },
    };
  };
  const followLink = (link: string | null) => {
    const target = /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1];
    expect(target).toBeDefined();
    return `?${target!.split('?')[1]}`;
  };

  it('walks every connection, oldest first, page by page along the Link header, deleted ones left out', async () => {
    const stored = Array.from({ length: defaultConnectionPageSize + 7 }, (_unused, index) => storedConnection(`con_${String(index).padStart(4, '0')}`, index));
    for (const connection of stored) await node.context.store.insertConnection(connection);
    await node.context.store.updateConnection({ ...stored[3]!, status: 'deleted' });
    const live = stored.filter((_connection, index) => index !== 3).map((connection) => connection.id);

    const first = await list('');
    expect(first.status).toBe(200);
    expect(Array.isArray(first.body)).toBe(true);
    expect(first.body).toHaveLength(defaultConnectionPageSize);
    expect(first.body[0]).toEqual(
      expect.objectContaining({ id: 'con_0000', name: 'paged con_0000', mode: 'script', status: 'active', destination: 'https://partner.example' }),
    );
    // The Link is relative to the path asked for, not built from the Host header.
    expect(first.link).toBe(`</api/v1/connections?limit=${defaultConnectionPageSize}&after=${live[defaultConnectionPageSize - 1]}>; rel="next"`);

    const seen: string[] = [];
    let query = '?limit=40';
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(query);
      expect(page.status).toBe(200);
      expect(page.body.length).toBeLessThanOrEqual(40);
      seen.push(...page.body.map((connection) => connection.id));
      if (page.link === null) break;
      query = followLink(page.link);
    }
    expect(seen).toEqual(live);
    // A deleted connection still marks its place: a cursor that names it goes on after it.
    expect((await list('?limit=2&after=con_0003')).body.map((connection) => connection.id)).toEqual(['con_0004', 'con_0005']);
  });

  it.each([
    ['?limit=0', 'limit'],
    [`?limit=${maximumConnectionPageSize + 1}`, 'limit'],
    ['?limit=ten', 'limit'],
    ['?after=con_unknown', 'after=con_unknown is not a connection of this node'],
    ['?page=2', 'page'],
  ])('refuses %s with words that say what to send', async (query, words) => {
    const answer = await list(query);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request' });
    expect(answer.body.error!.message).toContain(words);
  });

  it('lets the consoles list every connection, more than one largest page of them', async () => {
    const before = await createConsoleClient(
      createHttpTransport({ adminApi: node.adminApi, authorization: async () => `Bearer ${node.adminToken}` }),
    ).listConnections();
    expect(before.ok).toBe(true);
    const alreadyThere = before.ok ? before.value.length : 0;
    for (let index = 0; index < maximumConnectionPageSize + 20; index++)
      await node.context.store.insertConnection(storedConnection(`con_more_${index}`, 1000 + index));
    const requested: string[] = [];
    const countingFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input));
      return fetch(input, init);
    }) as typeof fetch;
    const client = createConsoleClient(
      createHttpTransport({ adminApi: node.adminApi, authorization: async () => `Bearer ${node.adminToken}`, fetch: countingFetch }),
    );
    const listed = await client.listConnections();
    expect(listed.ok && listed.value.length).toBe(alreadyThere + maximumConnectionPageSize + 20);
    expect(listed.ok && new Set(listed.value.map((connection) => connection.id)).size).toBe(alreadyThere + maximumConnectionPageSize + 20);
    expect(requested.length).toBeGreaterThan(1);
  });

  it('describes the paging in the OpenAPI document', async () => {
    const document = (await (await fetch(`${node.adminApi}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
    };
    const operation = document.paths['/connections']!['get']!;
    expect(operation.parameters?.map((parameter) => [parameter.name, parameter.in])).toEqual([
      ['limit', 'query'],
      ['after', 'query'],
    ]);
    expect(operation.responses['200']?.headers?.['Link']).toBeDefined();
  });
});

function storedConnection(id: string, createdAt: number): Connection {
  const partner = 'https://partner.example';
  return connectionRecord({
    id,
    name: `paged ${id}`,
    status: 'active',
    localName: 'acme',
    remoteName: 'partner',
    projectKey: 'SUP',
    destination: partner,
    remoteTracker: 'jira-cloud',
    peer: { nodeId: 'node_partner', publicKey: 'key', nodeUrl: partner, tracker: 'jira-cloud' },
    invitationExpiresAt: null,
    createdAt,
    updatedAt: createdAt,
  });
}

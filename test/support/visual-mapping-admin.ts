import type { AdminAnswer } from './sandbox-client';

/** A node's admin API, as a test node offers it. */
interface AdminCaller {
  admin(method: string, path: string, body?: unknown): Promise<AdminAnswer>;
}

/** A Visual connection's mapping as the node answers GET …/visual-mapping, which must succeed. */
export async function readVisualMapping(node: AdminCaller, connectionId: string): Promise<AdminAnswer['body']> {
  const answer = await node.admin('GET', `/connections/${connectionId}/visual-mapping`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The version both sides run now, as this node sees it. */
export async function readAgreedVersion(node: AdminCaller, connectionId: string): Promise<number> {
  return (await readVisualMapping(node, connectionId)).agreed.version;
}

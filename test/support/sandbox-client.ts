import type { SandboxDescription, SandboxInstanceDescription } from '../../scripts/sandbox/sandbox-description';

export interface AdminAnswer {
  readonly status: number;
  // Answers are read loosely on purpose: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Calls an instance's admin API as an outside client would: from sandbox.json, over HTTP. */
export function adminClient(instance: SandboxInstanceDescription) {
  return async (method: string, path: string, body?: unknown, options: { token?: string | null; rawBody?: string } = {}): Promise<AdminAnswer> => {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? instance.adminToken : options.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const payload = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${instance.adminApi}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

export function instanceOf(description: SandboxDescription, id: string): SandboxInstanceDescription {
  const instance = description.instances.find((each) => each.id === id);
  if (!instance) throw new Error(`sandbox has no instance ${id}`);
  return instance;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackerKind } from '../../core';
import { benchmarkProjects, isBenchmarkUserRequest } from '../../scripts/bench/benchmark-users';
import { createSandbox, type RunningSandbox } from '../../scripts/sandbox/create-sandbox';
import { freePort } from './free-port';
import { adminClient, instanceOf } from './sandbox-client';

/** One request the product made of an emulated tracker: its method and its path, without the query. */
export interface CountedCall {
  readonly method: string;
  readonly path: string;
}

export interface CallCountingSandbox {
  readonly sandbox: RunningSandbox;
  /** The product's requests so far, by tracker instance id; the benchmark user's own are left out. */
  readonly calls: Map<string, CountedCall[]>;
  close(): Promise<void>;
}

/**
 * The whole sandbox, with every request the product makes of an emulated tracker recorded. The
 * reconciler is slowed down so that its own reads are not counted with a change's.
 */
export async function startCallCountingSandbox(): Promise<CallCountingSandbox> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-calls-'));
  const calls = new Map<string, CountedCall[]>();
  const sandbox = await createSandbox({
    port: await freePort(),
    dataDirectory,
    reconcileIntervalMs: 3_600_000,
    persistEveryWrite: false,
    onTrackerRequest: (id, request) => {
      if (isBenchmarkUserRequest(request.headers)) return;
      const counted = calls.get(id) ?? [];
      counted.push({ method: request.method, path: request.url.split('?')[0] ?? '' });
      calls.set(id, counted);
    },
  });
  return {
    sandbox,
    calls,
    close: async () => {
      await sandbox.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * A Script-mode connection from `sender`'s node to `receiver`'s, initiated and accepted with each
 * side's benchmark project for incoming sync; answers the connection's id.
 */
export async function connectInScriptMode(
  description: Parameters<typeof instanceOf>[0],
  sender: TrackerKind,
  receiver: TrackerKind,
  names: { readonly name: string; readonly localName: string; readonly remoteName: string },
): Promise<string> {
  const initiated = await adminClient(instanceOf(description, sender))('POST', '/connections/initiate', {
    destinationUrl: instanceOf(description, receiver).url,
    mode: 'script',
    ...names,
    projectKey: benchmarkProjects[sender],
  });
  if (initiated.status !== 201) throw new Error(`Initiating the ${sender} → ${receiver} connection failed: ${JSON.stringify(initiated.body)}`);
  const accepted = await adminClient(instanceOf(description, receiver))('POST', '/connections/accept', {
    invitationCode: initiated.body.invitationCode,
    projectKey: benchmarkProjects[receiver],
  });
  if (accepted.status !== 201) throw new Error(`Accepting the ${sender} → ${receiver} connection failed: ${JSON.stringify(accepted.body)}`);
  return initiated.body.connection.id as string;
}

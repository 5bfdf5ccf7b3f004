import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { writeSync } from 'node:fs';
import { exchangeBasePath } from '../../core';
import type { SandboxInstanceDefinition } from './sandbox-instances';

/**
 * `SANDBOX_KILL_AT=<step>:<n>`: the sandbox kills itself with SIGKILL the n-th time it reaches a
 * durable step of a private connection, so a fault test hits the step every time instead of
 * hoping to see it pass from outside. Each step is a boundary where a crash is most dangerous:
 * - `tracker-write`: a private instance's emulated tracker stored an item it was asked to create
 *   and wrote its state to disk, and the answer has not left: the node never learns the key.
 * - `peer-answer`: a public node answered a poll with changes (claimed and handed out).
 * - `receipts`: a public node received receipts of applied changes, before it stored them.
 */
export const sandboxFaultSteps = ['tracker-write', 'peer-answer', 'receipts'] as const;
export type SandboxFaultStep = (typeof sandboxFaultSteps)[number];

export interface SandboxFaultPlan {
  readonly step: SandboxFaultStep;
  /** Killed when the step is reached this many times (1 = the first time). */
  readonly count: number;
}

/** Reads SANDBOX_KILL_AT; undefined when it is unset or empty. Throws with what to write instead. */
export function readSandboxFaultPlan(text: string | undefined): SandboxFaultPlan | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const match = /^([a-z-]+):([1-9][0-9]{0,5})$/.exec(text.trim());
  const step = sandboxFaultSteps.find((known) => known === match?.[1]);
  if (match === null || step === undefined)
    throw new Error(
      `SANDBOX_KILL_AT=${text} is not a fault plan. Write <step>:<n>, where step is one of ${sandboxFaultSteps.join(', ')} and n counts from 1 (tracker-write:3 kills at the third work item created).`,
    );
  return { step, count: Number(match[2]) };
}

export interface SandboxFaultPoints {
  /** Inside an emulated tracker's scope, after the hook that writes its state to disk. */
  watchTracker(scope: FastifyInstance, definition: SandboxInstanceDefinition): void;
  /** A node's routes, watched where the plan's steps pass through them. */
  watchNode(routes: FastifyPluginAsync, definition: SandboxInstanceDefinition): FastifyPluginAsync;
}

/** The sandbox's private instance is an Azure DevOps Server: it creates each work item with one `POST …/workitems/$Type`. */
const workItemCreation = /\/_apis\/wit\/workitems\/:id$/i;
const peerMessagesRoute = `${exchangeBasePath}/connections/:id/messages`;

export function sandboxFaultPoints(plan: SandboxFaultPlan, kill: (reason: string) => void = killThisProcess): SandboxFaultPoints {
  let reached = 0;
  const reach = (step: SandboxFaultStep, where: string) => {
    if (step !== plan.step) return;
    reached += 1;
    if (reached === plan.count) kill(`The sandbox kills itself (SIGKILL) at ${step}:${reached} (${where}), as SANDBOX_KILL_AT asked.`);
  };
  const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? '';
  return {
    watchTracker(scope, definition) {
      if (definition.public || plan.step !== 'tracker-write') return;
      scope.addHook('onSend', async (request, reply, payload) => {
        if (request.method === 'POST' && reply.statusCode < 400 && workItemCreation.test(routeOf(request)))
          reach('tracker-write', `${definition.id} stored a new work item`);
        return payload;
      });
    },
    watchNode(routes, definition) {
      if (!definition.public || plan.step === 'tracker-write') return routes;
      return async (scope) => {
        const answeredWithChanges = new WeakSet<FastifyRequest>();
        scope.addHook('preHandler', async (request) => {
          if (request.method !== 'POST' || !routeOf(request).endsWith(peerMessagesRoute)) return;
          if (carriesEnvelopes(request.body, 'deliver', 'applied')) reach('receipts', `${definition.id} received receipts`);
        });
        scope.addHook('onSend', async (request, reply, payload) => {
          if (
            request.method === 'POST' &&
            routeOf(request).endsWith(peerMessagesRoute) &&
            reply.statusCode === 200 &&
            carriesEnvelopes(payload, 'envelopes', 'change')
          )
            answeredWithChanges.add(request);
          return payload;
        });
        // After the answer is written: the changes are claimed and on their way to the private side.
        scope.addHook('onResponse', async (request) => {
          if (answeredWithChanges.has(request)) reach('peer-answer', `${definition.id} answered a poll with changes`);
        });
        await scope.register(routes);
      };
    },
  };
}

/** A peer message or answer (JSON text, as the node reads and writes it) of `type` with an envelope of `kind`. */
function carriesEnvelopes(text: unknown, type: string, kind: string): boolean {
  if (typeof text !== 'string' || !text.includes(`"${kind}"`)) return false;
  try {
    const message = JSON.parse(text) as { type?: unknown; envelopes?: unknown };
    return message.type === type && Array.isArray(message.envelopes) && message.envelopes.some((envelope: { kind?: unknown }) => envelope?.kind === kind);
  } catch {
    return false;
  }
}

function killThisProcess(reason: string): void {
  // Written synchronously: the line must be out before the signal ends the process.
  writeSync(2, `${reason}\n`);
  process.kill(process.pid, 'SIGKILL');
}

import type { Connection } from '../connection/connection';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import { receiveDecision, receiveProposal, visualMappingSchema, type MappingDecision, type MappingProposal, type MappingWorkflow } from '../mapping';
import type { NodeContext } from '../node/node-context';
import type { StoreV1 } from '../ports/store';
import { err, ok, type Result } from '../result';
import { recordSyncError } from './record-sync-error';
import { visualMappingItemKey, type Envelope, type QueueEntry } from './sync-records';
import { outboundTopic, workTopic } from './sync-signals';
import { afterMappingAgreed } from './visual-mapping-agreed';
import { mappingLockKey, mappingSideOf, readMappingWorkflow, writeMappingWorkflow } from './visual-mapping-store';
import { receiveRemoteValues } from './visual-mapping-values';
import { enqueueOutbound } from './enqueue-outbound';

/** A message for the other side about the mapping: a proposal or a decision. */
export type MappingMessage = { readonly proposal: MappingProposal } | { readonly decision: MappingDecision };

/**
 * One step of a connection's mapping workflow, all or nothing: the step sees the workflow as
 * stored, and what it returns is stored together with the message it queues for the other side.
 * The outbound queue carries it like a change: pushed to a public peer, fetched by a private
 * peer's poll, so the workflow works the same both ways over public and private connections.
 */
export async function changeMappingWorkflow<T>(
  context: NodeContext,
  connection: Connection,
  step: (workflow: MappingWorkflow) => Result<{ readonly workflow: MappingWorkflow; readonly message: MappingMessage | null; readonly answer: T }>,
): Promise<Result<T>> {
  const done = await context.store.runExclusive(mappingLockKey(connection.id), async () => {
    const before = await readMappingWorkflow(context, connection);
    const stepped = step(before);
    if (!stepped.ok) return stepped;
    await context.store.transaction(async (store) => {
      await writeMappingWorkflow(store, connection, before, stepped.value.workflow);
      if (stepped.value.message !== null) await queueMappingMessage(store, connection, stepped.value.message, context.clock.now());
    });
    return ok(stepped.value);
  });
  if (!done.ok) return err(done.error);
  if (done.value.message !== null) {
    context.signals.notify(outboundTopic(connection.id));
    context.signals.notify(workTopic);
  }
  return ok(done.value.answer);
}

async function queueMappingMessage(store: StoreV1, connection: Connection, message: MappingMessage, now: number): Promise<void> {
  const envelope: Envelope =
    'proposal' in message
      ? {
          kind: 'mapping',
          id: randomId('map'),
          sourceKey: visualMappingItemKey,
          proposalId: message.proposal.proposalId,
          version: message.proposal.version,
          basedOnVersion: message.proposal.basedOnVersion,
          mapping: message.proposal.mapping,
          publishedBy: message.proposal.publishedBy,
          createdAt: message.proposal.publishedAt,
        }
      : {
          kind: 'mapping-decision',
          id: randomId('mdc'),
          sourceKey: visualMappingItemKey,
          proposalId: message.decision.proposalId,
          decision: message.decision.decision,
          decidedBy: message.decision.decidedBy,
          reason: message.decision.reason,
          createdAt: now,
        };
  await enqueueOutbound(store, connection.id, visualMappingItemKey, envelope, now);
}

/**
 * A mapping message from the other side, taken in by the sync pass (no script runs). Values are
 * kept as the other side's last known values (and this side's sent back when asked). A proposal
 * is kept for this side's admin to approve, or declined at once when it was made on another
 * version than the one running here; a decision settles this side's proposal. The entry is done
 * in the same step, and a message whose proposal was already handled changes nothing, so a
 * redelivery is applied once. A proposal whose mapping is not a mapping is an error on the
 * connection, and the entry is done: resending it cannot make it readable.
 */
export async function applyMappingEnvelope(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  envelope: Extract<Envelope, { kind: 'mapping' | 'mapping-decision' | 'mapping-values' }>,
): Promise<void> {
  const side = mappingSideOf(connection);
  const now = context.clock.now();
  const finish = (store: StoreV1) => store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: now });
  if (envelope.kind === 'mapping-values') {
    await receiveRemoteValues(context, connection, envelope);
    await context.store.transaction(finish);
    return;
  }
  if (envelope.kind === 'mapping') {
    const mapping = visualMappingSchema.safeParse(envelope.mapping);
    if (!mapping.success || mapping.data.version !== envelope.version) {
      await recordSyncError(context, {
        scope: 'connection',
        connectionId: connection.id,
        itemKey: null,
        error: unreadableProposal(envelope.version),
      });
      await context.store.transaction(finish);
      return;
    }
    const proposal: MappingProposal = {
      proposalId: envelope.proposalId,
      version: envelope.version,
      basedOnVersion: envelope.basedOnVersion,
      mapping: mapping.data,
      publishedBy: envelope.publishedBy,
      publishedAt: envelope.createdAt,
    };
    await stepWithEntry(context, connection, finish, (workflow) => {
      const received = receiveProposal(workflow, side, proposal, now);
      return { workflow: received.workflow, message: received.reply === null ? null : { decision: received.reply } };
    });
    return;
  }
  const decision: MappingDecision = { proposalId: envelope.proposalId, decision: envelope.decision, decidedBy: envelope.decidedBy, reason: envelope.reason };
  let agreedHere = false;
  await stepWithEntry(context, connection, finish, (workflow) => {
    const decided = receiveDecision(workflow, side, decision, now);
    agreedHere = decided.agreedProposalId !== workflow.agreedProposalId;
    return { workflow: decided, message: null };
  });
  // This side's proposal runs from now on: its filter becomes the trigger, and it is checked for drift.
  if (agreedHere) await afterMappingAgreedOrLog(context, connection);
}

/** The entry is done already: a failure here is logged, not retried with it (the next read of the mapping checks again). */
async function afterMappingAgreedOrLog(context: NodeContext, connection: Connection): Promise<void> {
  try {
    await afterMappingAgreed(context, connection);
  } catch (error) {
    context.logger.warn('installing an agreed Visual mapping failed', { connectionId: connection.id, message: ExalateError.from(error).message });
  }
}

async function stepWithEntry(
  context: NodeContext,
  connection: Connection,
  finish: (store: StoreV1) => Promise<void>,
  step: (workflow: MappingWorkflow) => { readonly workflow: MappingWorkflow; readonly message: MappingMessage | null },
): Promise<void> {
  const queued = await context.store.runExclusive(mappingLockKey(connection.id), async () => {
    const before = await readMappingWorkflow(context, connection);
    const stepped = step(before);
    await context.store.transaction(async (store) => {
      if (stepped.workflow !== before) await writeMappingWorkflow(store, connection, before, stepped.workflow);
      if (stepped.message !== null) await queueMappingMessage(store, connection, stepped.message, context.clock.now());
      await finish(store);
    });
    return stepped.message !== null;
  });
  if (queued) context.signals.notify(outboundTopic(connection.id));
}

function unreadableProposal(version: number): ExalateError {
  return new ExalateError(
    'invalid_request',
    `The other side proposed version ${version} of the Visual mapping, but this node cannot read it. Check that both nodes run the same version of Exalate, then ask the other side to publish it again.`,
  );
}

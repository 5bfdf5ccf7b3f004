import { z } from 'zod';
import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { mappingSides, otherSide, type MappingSide, type VisualMapping } from './visual-mapping';

/**
 * What one side keeps about a Visual connection's mapping beside the document itself: which
 * version runs, this side's draft, and every version ever published by either side, with who
 * published and who decided. Nothing changes on either side until both agree: a proposal runs
 * only once the other side approved it, on the approver when it approves and on the publisher
 * when the approval arrives. The functions here are pure; core/sync/visual-mapping-store.ts keeps
 * the result and queues the messages for the other side.
 */

export const mappingVersionStates = ['agreed', 'superseded', 'declined', 'awaiting'] as const;
export type MappingVersionState = (typeof mappingVersionStates)[number];

/** The first version, which both sides build the same way from the invitation: it needs no approval. */
export const initialProposalId = 'initial';

export const mappingVersionRecordSchema = z.strictObject({
  proposalId: z.string().min(1).max(100),
  version: z.number().int().min(1),
  basedOnVersion: z.number().int().min(0),
  /** The side that published it. */
  fromSide: z.enum(mappingSides),
  state: z.enum(mappingVersionStates),
  publishedBy: z.string().max(200),
  publishedAt: z.number().int(),
  decidedBy: z.string().max(200).nullable(),
  decidedAt: z.number().int().nullable(),
  /** Why it was declined when no admin declined it (a proposal made on an older version). */
  reason: z.string().max(1000).nullable(),
});
export type MappingVersionRecord = z.infer<typeof mappingVersionRecordSchema>;

export interface MappingVersion extends MappingVersionRecord {
  readonly mapping: VisualMapping;
}

export interface MappingDraft {
  readonly mapping: VisualMapping;
  readonly savedAt: number;
  readonly savedBy: string;
}

export interface MappingWorkflow {
  readonly agreedProposalId: string;
  readonly draft: MappingDraft | null;
  /** Oldest first. */
  readonly versions: readonly MappingVersion[];
}

/** A proposal as it travels to the other side. */
export interface MappingProposal {
  readonly proposalId: string;
  readonly version: number;
  readonly basedOnVersion: number;
  readonly mapping: VisualMapping;
  readonly publishedBy: string;
  readonly publishedAt: number;
}

export interface MappingDecision {
  readonly proposalId: string;
  readonly decision: 'approved' | 'declined';
  readonly decidedBy: string;
  readonly reason: string | null;
}

export function startWorkflow(
  mapping: VisualMapping,
  who: { readonly publishedBy: string; readonly approvedBy: string; readonly at: number },
): MappingWorkflow {
  return {
    agreedProposalId: initialProposalId,
    draft: null,
    versions: [
      {
        proposalId: initialProposalId,
        version: mapping.version,
        basedOnVersion: 0,
        fromSide: 'initiator',
        state: 'agreed',
        publishedBy: who.publishedBy,
        publishedAt: who.at,
        decidedBy: who.approvedBy,
        decidedAt: who.at,
        reason: null,
        mapping,
      },
    ],
  };
}

export function agreedVersion(workflow: MappingWorkflow): MappingVersion {
  const agreed = workflow.versions.find((version) => version.proposalId === workflow.agreedProposalId);
  if (agreed === undefined) throw new ExalateError('internal', 'The running Visual mapping version is missing from its history.');
  return agreed;
}

/** The proposal awaiting a decision that `publisher` sent, if any. */
export function awaitingFrom(workflow: MappingWorkflow, publisher: MappingSide): MappingVersion | null {
  return workflow.versions.find((version) => version.state === 'awaiting' && version.fromSide === publisher) ?? null;
}

export function saveDraft(workflow: MappingWorkflow, mapping: VisualMapping, savedBy: string, now: number): MappingWorkflow {
  return { ...workflow, draft: { mapping: { ...mapping, version: agreedVersion(workflow).version + 1 }, savedAt: now, savedBy } };
}

/** Publishing the draft: a proposal for the next version, based on the one that runs. */
export function publishDraft(
  workflow: MappingWorkflow,
  side: MappingSide,
  proposal: { readonly proposalId: string; readonly publishedBy: string; readonly now: number },
): Result<{ readonly workflow: MappingWorkflow; readonly proposal: MappingProposal }> {
  if (workflow.draft === null) return err(new ExalateError('conflict', 'There is no draft to publish. Save the mapping as a draft first, then publish it.'));
  const published = propose(workflow, side, workflow.draft.mapping, proposal);
  if (!published.ok) return published;
  return ok({ workflow: { ...published.value.workflow, draft: null }, proposal: published.value.proposal });
}

/** Rolling back: an earlier agreed version's content proposed as the next version, approved like any change. */
export function proposeRollBack(
  workflow: MappingWorkflow,
  side: MappingSide,
  version: number,
  proposal: { readonly proposalId: string; readonly publishedBy: string; readonly now: number },
): Result<{ readonly workflow: MappingWorkflow; readonly proposal: MappingProposal }> {
  const running = agreedVersion(workflow);
  const earlier = workflow.versions.find((entry) => entry.version === version && (entry.state === 'agreed' || entry.state === 'superseded'));
  if (earlier === undefined) {
    const known = workflow.versions.filter((entry) => entry.state === 'agreed' || entry.state === 'superseded').map((entry) => entry.version);
    return err(new ExalateError('not_found', `There is no agreed version ${version} of this mapping to roll back to; versions that ran: ${known.join(', ')}.`));
  }
  if (earlier.proposalId === running.proposalId)
    return err(new ExalateError('conflict', `Version ${version} is the one running now; choose an earlier version to roll back to.`));
  return propose(workflow, side, earlier.mapping, proposal);
}

function propose(
  workflow: MappingWorkflow,
  side: MappingSide,
  mapping: VisualMapping,
  proposal: { readonly proposalId: string; readonly publishedBy: string; readonly now: number },
): Result<{ readonly workflow: MappingWorkflow; readonly proposal: MappingProposal }> {
  const waiting = awaitingFrom(workflow, side);
  if (waiting !== null)
    return err(
      new ExalateError(
        'conflict',
        `Version ${waiting.version} is still awaiting approval from the other side. Wait for its decision before publishing another change.`,
      ),
    );
  const running = agreedVersion(workflow);
  const version = running.version + 1;
  const record: MappingVersion = {
    proposalId: proposal.proposalId,
    version,
    basedOnVersion: running.version,
    fromSide: side,
    state: 'awaiting',
    publishedBy: proposal.publishedBy,
    publishedAt: proposal.now,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    mapping: { ...mapping, version },
  };
  return ok({
    workflow: { ...workflow, versions: [...workflow.versions, record] },
    proposal: {
      proposalId: record.proposalId,
      version,
      basedOnVersion: running.version,
      mapping: record.mapping,
      publishedBy: record.publishedBy,
      publishedAt: record.publishedAt,
    },
  });
}

/**
 * The other side's proposal arrives. A proposal seen before changes nothing (a redelivery). One
 * made on another version than the one running here is kept as declined, and the answer to send
 * back says why: approving it would undo what was agreed meanwhile.
 */
export function receiveProposal(
  workflow: MappingWorkflow,
  side: MappingSide,
  proposal: MappingProposal,
  receivedAt: number,
): { readonly workflow: MappingWorkflow; readonly reply: MappingDecision | null } {
  if (workflow.versions.some((version) => version.proposalId === proposal.proposalId)) return { workflow, reply: null };
  const running = agreedVersion(workflow);
  const stale = proposal.basedOnVersion !== running.version;
  const reason = stale
    ? `Version ${proposal.version} was made on version ${proposal.basedOnVersion}, but version ${running.version} runs now. Make the change again on version ${running.version} and publish it.`
    : null;
  const record: MappingVersion = {
    proposalId: proposal.proposalId,
    version: proposal.version,
    basedOnVersion: proposal.basedOnVersion,
    fromSide: otherSide(side),
    state: stale ? 'declined' : 'awaiting',
    publishedBy: proposal.publishedBy,
    publishedAt: proposal.publishedAt,
    decidedBy: null,
    decidedAt: stale ? receivedAt : null,
    reason,
    mapping: proposal.mapping,
  };
  // A newer proposal from the same side replaces one still waiting (it was made on the same version).
  const versions = workflow.versions.map((version) =>
    !stale && version.state === 'awaiting' && version.fromSide === record.fromSide
      ? { ...version, state: 'declined' as const, decidedAt: receivedAt, reason: 'Replaced by a newer proposal from the same side.' }
      : version,
  );
  return {
    workflow: { ...workflow, versions: [...versions, record] },
    reply: stale ? { proposalId: proposal.proposalId, decision: 'declined', decidedBy: 'this node', reason } : null,
  };
}

/** This side's admin approves or declines the other side's proposal. */
export function decideProposal(
  workflow: MappingWorkflow,
  side: MappingSide,
  decision: { readonly proposalId: string; readonly decision: 'approved' | 'declined'; readonly decidedBy: string; readonly now: number },
): Result<{ readonly workflow: MappingWorkflow; readonly decision: MappingDecision }> {
  const incoming = awaitingFrom(workflow, otherSide(side));
  if (incoming === null || incoming.proposalId !== decision.proposalId) {
    const what = incoming === null ? 'No proposal from the other side awaits a decision' : `The proposal awaiting a decision is ${incoming.proposalId}`;
    return err(new ExalateError('conflict', `${what}; ${decision.proposalId} cannot be ${decision.decision}. Reload the mapping to see where it stands.`));
  }
  const running = agreedVersion(workflow);
  if (decision.decision === 'approved' && incoming.basedOnVersion !== running.version) {
    return err(
      new ExalateError(
        'conflict',
        `Version ${incoming.version} was made on version ${incoming.basedOnVersion}, but version ${running.version} runs now; decline it and ask the other side to publish the change again.`,
      ),
    );
  }
  const decided = settle(workflow, side, incoming.proposalId, decision.decision, decision.decidedBy, decision.now);
  return ok({ workflow: decided, decision: { proposalId: incoming.proposalId, decision: decision.decision, decidedBy: decision.decidedBy, reason: null } });
}

/** The other side decided on this side's proposal. A decision about a proposal no longer awaiting changes nothing. */
export function receiveDecision(workflow: MappingWorkflow, side: MappingSide, decision: MappingDecision, receivedAt: number): MappingWorkflow {
  const outgoing = awaitingFrom(workflow, side);
  if (outgoing === null || outgoing.proposalId !== decision.proposalId) return workflow;
  return settle(workflow, side, outgoing.proposalId, decision.decision, decision.decidedBy, receivedAt, decision.reason);
}

/**
 * A decided proposal. Approved, it runs from now on and the version it replaces is superseded;
 * any other proposal still waiting was made on the old version, so it can no longer be approved.
 */
function settle(
  workflow: MappingWorkflow,
  side: MappingSide,
  proposalId: string,
  decision: 'approved' | 'declined',
  decidedBy: string,
  now: number,
  reason: string | null = null,
): MappingWorkflow {
  if (decision === 'declined') {
    return {
      ...workflow,
      versions: workflow.versions.map((version) =>
        version.proposalId === proposalId ? { ...version, state: 'declined', decidedBy, decidedAt: now, reason } : version,
      ),
    };
  }
  const outdated = `Version ${workflow.versions.find((version) => version.proposalId === proposalId)?.version ?? '?'} was agreed first; this proposal was made on the version before it.`;
  return {
    ...workflow,
    agreedProposalId: proposalId,
    versions: workflow.versions.map((version) => {
      if (version.proposalId === proposalId) return { ...version, state: 'agreed', decidedBy, decidedAt: now, reason: null };
      if (version.proposalId === workflow.agreedProposalId) return { ...version, state: 'superseded' };
      if (version.state === 'awaiting') return { ...version, state: 'declined', decidedAt: now, reason: outdated };
      return version;
    }),
  };
}

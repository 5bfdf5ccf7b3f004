import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { findConnection } from '../connection/manage-connections';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import {
  agreedVersion,
  awaitingFrom,
  compileMapping,
  decideProposal,
  diffMappings,
  mappingFromView,
  mappingSeenFrom,
  mappingViewSchema,
  otherSide,
  proposeRollBack,
  publishDraft,
  saveDraft,
  unmappedValues,
  validateMapping,
  type MappingDrift,
  type MappingProblem,
  type MappingProposal,
  type MappingSide,
  type MappingVersion,
  type MappingWorkflow,
  type VisualMapping,
  vocabulariesTolerating,
} from '../mapping';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { afterMappingAgreed, checkMappingDrift } from '../sync/visual-mapping-agreed';
import { changeMappingWorkflow } from '../sync/visual-mapping-exchange';
import { mappingSideOf, readAgreedMapping, readMappingWorkflow } from '../sync/visual-mapping-store';
import { readLiveVocabularies, type MappingVocabularies } from '../sync/visual-mapping-values';
import { defineOperation, type AdminOperation } from './admin-operation';
import { emptyRequestSchema } from './admin-schemas';

const who = z.string().trim().min(1).max(200).optional();
const draftRequestSchema = z.strictObject({ view: z.unknown(), by: who });
const publishRequestSchema = z.union([z.strictObject({ by: who }), z.undefined(), z.null()]);
const decisionRequestSchema = z.strictObject({ proposalId: z.string().trim().min(1, 'Name the proposal (proposalId) to decide on.').max(100), by: who });
const rollBackRequestSchema = z.strictObject({ version: z.number().int().min(1), by: who });

/** Runs `work` on a Visual connection named in the path: 404 for an unknown one, 409 for another mode. */
async function withVisualConnection<T>(
  context: NodeContext,
  params: Readonly<Record<string, string>>,
  work: (connection: Connection) => Promise<Result<T>>,
): Promise<Result<T>> {
  const found = await findConnection(context, params['id'] ?? '');
  if (!found.ok) return found;
  const connection = found.value;
  if (connection.mode !== 'visual') {
    return err(
      new ExalateError(
        'mode_fixed',
        `This connection is in ${connection.mode === 'basic' ? 'Basic' : 'Script'} mode, so it has no Visual mapping; a connection's mode cannot be changed. Create a new connection in Visual mode to sync with a mapping.`,
      ),
    );
  }
  return work(connection);
}

/** Publishing reaches the other side: it needs a connection that has one. */
function checkPeerKnown(connection: Connection): Result<void> {
  if (connection.status === 'pending' || connection.status === 'deleted')
    return err(
      new ExalateError(
        'connection_state',
        `The connection is ${connection.status}: there is no other side yet to approve a mapping. Wait until the invitation is accepted.`,
      ),
    );
  return ok(undefined);
}

/**
 * Checked against what each side's tracker offers: this side's project values read live from its
 * tracker (readLiveVocabularies), the other side's as its node last sent them. The other side's
 * live values are never waited for: its node checks its own side again when its admin approves.
 * The connection's own trackers must be the ones the mapping names: a view from another
 * connection is refused.
 */
function checkMapping(
  context: NodeContext,
  connection: Connection,
  mapping: VisualMapping,
  known: MappingVocabularies,
  agreed: VisualMapping,
): Result<VisualMapping> {
  const vocabularies = vocabulariesTolerating(known.vocabularies, agreed, known.seen);
  const side = mappingSideOf(connection);
  const trackerProblems: MappingProblem[] = [side, otherSide(side)].flatMap((each) => {
    const expected = each === side ? context.tracker.kind : connection.remoteTracker;
    return expected !== 'unknown' && mapping[each].tracker !== expected
      ? [
          {
            side: each,
            subject: 'tracker',
            message: `This connection's ${each} is ${expected}, not ${mapping[each].tracker}: reload the mapping and edit it again.`,
          },
        ]
      : [];
  });
  if (trackerProblems.length > 0) return err(refusedWith(trackerProblems));
  return validateMapping(mapping, vocabularies);
}

function refusedWith(problems: readonly MappingProblem[]): ExalateError {
  return new ExalateError('invalid_request', `The Visual mapping cannot be used; nothing was saved. ${problems.map((problem) => problem.message).join(' ')}`, {
    details: { problems },
  });
}

/** Problems as this side's admin reads them: `local` and `remote` instead of initiator and acceptor. */
function seenFromHere(error: ExalateError, side: MappingSide): ExalateError {
  const problems = error.details?.['problems'];
  if (!Array.isArray(problems)) return error;
  const local = (problem: MappingProblem) => ({ ...problem, side: problem.side === null ? null : problem.side === side ? 'local' : 'remote' });
  return new ExalateError(error.code, error.message, { details: { ...error.details, problems: (problems as MappingProblem[]).map(local) } });
}

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function proposalAnswer(version: MappingVersion, side: MappingSide) {
  return {
    proposalId: version.proposalId,
    version: version.version,
    view: mappingSeenFrom(version.mapping, side),
    publishedBy: version.publishedBy,
    publishedAt: iso(version.publishedAt),
    basedOnVersion: version.basedOnVersion,
  };
}

/** GET …/visual-mapping: everything the mapping editor shows, seen from this side. */
function mappingAnswer(connection: Connection, workflow: MappingWorkflow, known: MappingVocabularies, drift: readonly MappingDrift[]) {
  const side = mappingSideOf(connection);
  const agreed = agreedVersion(workflow);
  const vocabularies = known.vocabularies;
  const outgoing = awaitingFrom(workflow, side);
  const incoming = awaitingFrom(workflow, otherSide(side));
  const edited = workflow.draft?.mapping ?? agreed.mapping;
  return {
    side,
    agreed: {
      version: agreed.version,
      view: mappingSeenFrom(agreed.mapping, side),
      publishedBy: agreed.publishedBy,
      publishedAt: iso(agreed.publishedAt),
      approvedBy: agreed.decidedBy ?? '',
      approvedAt: iso(agreed.decidedAt ?? agreed.publishedAt),
    },
    draft:
      workflow.draft === null
        ? null
        : { view: mappingSeenFrom(workflow.draft.mapping, side), savedAt: iso(workflow.draft.savedAt), savedBy: workflow.draft.savedBy },
    outgoingProposal: outgoing === null ? null : proposalAnswer(outgoing, side),
    incomingProposal:
      incoming === null
        ? null
        : { ...proposalAnswer(incoming, side), diff: diffMappings(mappingSeenFrom(agreed.mapping, side), mappingSeenFrom(incoming.mapping, side)) },
    history: [...workflow.versions].reverse().map((version) => ({
      proposalId: version.proposalId,
      version: version.version,
      state: version.state,
      publishedBy: version.publishedBy,
      publishedAt: iso(version.publishedAt),
      decidedBy: version.decidedBy,
      decidedAt: iso(version.decidedAt),
      reason: version.reason,
      fromSide: version.fromSide === side ? 'local' : 'remote',
      view: mappingSeenFrom(version.mapping, side),
    })),
    // `live`: read from the tracker (this side) or sent by the other node (remote); otherwise the tracker's defaults, and `notes` say why.
    values: { local: vocabularies[side], remote: vocabularies[otherSide(side)], live: known.live, notes: known.notes },
    // Pairs of the agreed version naming a value this side's tracker no longer has (also an error on the connection).
    drift: drift.map((each) => ({ kind: each.kind, value: each.local, pairedWith: each.remote, message: each.message })),
    // Flagged for what the admin edits: the draft when there is one.
    unmapped: unmappedValues(edited, vocabularies).map((value) => ({ ...value, side: value.side === side ? 'local' : 'remote' })),
    compiled: compileMapping(agreed.mapping, side, vocabularies[side]),
  };
}

function byOf(connection: Connection, by: string | undefined): string {
  return by ?? connection.localName;
}

/** How one way of proposing the next version reads the workflow. */
interface NextVersion {
  /** The mapping it would propose, checked first; undefined when there is none (the proposal then says why). */
  readonly candidate: (workflow: MappingWorkflow) => VisualMapping | undefined;
  readonly propose: (
    workflow: MappingWorkflow,
    side: MappingSide,
    stamp: { readonly proposalId: string; readonly publishedBy: string; readonly now: number },
  ) => Result<{ readonly workflow: MappingWorkflow; readonly proposal: MappingProposal }>;
}

/**
 * Publishing a draft and rolling back both propose the next version to the other side, so both
 * need a peer, check the proposed mapping against the trackers' values as they are now (read
 * before the workflow is locked: the tracker may be slow), and answer with the proposal as this
 * side sees it.
 */
async function proposeNextVersion(context: NodeContext, connection: Connection, by: string | undefined, next: NextVersion) {
  const known = checkPeerKnown(connection);
  if (!known.ok) return known;
  const side = mappingSideOf(connection);
  const publishedBy = byOf(connection, by);
  const vocabularies = await readLiveVocabularies(context, connection);
  return changeMappingWorkflow(context, connection, (workflow) => {
    const candidate = next.candidate(workflow);
    if (candidate !== undefined) {
      const checked = checkMapping(context, connection, candidate, vocabularies, agreedVersion(workflow).mapping);
      if (!checked.ok) return err(seenFromHere(checked.error, side));
    }
    const proposed = next.propose(workflow, side, { proposalId: randomId('prp'), publishedBy, now: context.clock.now() });
    if (!proposed.ok) return proposed;
    const proposal = proposed.value.workflow.versions.at(-1)!;
    return ok({ workflow: proposed.value.workflow, message: { proposal: proposed.value.proposal }, answer: proposalAnswer(proposal, side) });
  });
}

/** Visual mode: the mapping, its draft, publishing and approving, history and roll back. */
export const visualMappingOperations: readonly AdminOperation[] = [
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/visual-mapping',
    summary:
      "A Visual connection's mapping seen from this side: the agreed version that runs, this side's draft, the proposal awaiting the other side's approval and the one awaiting this side's (with its differences in words), every version with who published and decided it, both trackers' values (this side's read from its tracker now, the other side's as its node last sent them), the agreed version's drift (pairs naming a value this side's tracker no longer has, also an error on the connection), the values without a pair and the scripts compiled from the agreed version. 409 `mode_fixed` on a connection in another mode.",
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withVisualConnection(context, params, async (connection) => {
        // Reading the mapping reads this side's values live, which is also when drift is looked for.
        const known = await readLiveVocabularies(context, connection);
        const drift = await checkMappingDrift(context, connection, known);
        return ok(mappingAnswer(connection, await readMappingWorkflow(context, connection), known, drift));
      }),
  }),
  defineOperation({
    method: 'PUT',
    path: '/connections/{id}/visual-mapping/draft',
    summary:
      "Saves this side's draft (`{ view, by? }`, the view as GET answered it, edited). Nothing runs until it is published and approved. A draft naming a field or value the trackers do not have is refused with `invalid_request` and every problem in `error.details.problems`; nothing is saved.",
    body: draftRequestSchema,
    successStatus: 200,
    run: (context, { params, body }) =>
      withVisualConnection(context, params, async (connection) => {
        const side = mappingSideOf(connection);
        const view = mappingViewSchema.safeParse(body.view);
        if (!view.success) {
          const problems = view.error.issues.map((issue) => {
            const path = ['view', ...issue.path.map(String)].join('.');
            return { side: null, subject: path, message: `${path}: ${issue.message}.` };
          });
          return err(refusedWith(problems));
        }
        if (view.data.side !== side)
          return err(
            refusedWith([
              {
                side: null,
                subject: 'view.side',
                message: `The view is from the ${view.data.side}'s side, but this node is the ${side}: reload the mapping and edit it again.`,
              },
            ]),
          );
        const checked = checkMapping(
          context,
          connection,
          mappingFromView(view.data),
          await readLiveVocabularies(context, connection),
          await readAgreedMapping(context, connection),
        );
        if (!checked.ok) return err(seenFromHere(checked.error, side));
        const savedBy = byOf(connection, body.by);
        return changeMappingWorkflow(context, connection, (workflow) => {
          const saved = saveDraft(workflow, checked.value, savedBy, context.clock.now());
          const draft = saved.draft!;
          return ok({ workflow: saved, message: null, answer: { view: mappingSeenFrom(draft.mapping, side), savedAt: iso(draft.savedAt), savedBy } });
        });
      }),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/visual-mapping/publish',
    summary:
      "Publishes this side's draft as the next version and sends it to the other side, which approves or declines it; until it approves, the agreed version keeps running on both sides. 409 when there is no draft or a proposal of this side still awaits a decision.",
    body: publishRequestSchema,
    successStatus: 202,
    run: (context, { params, body }) =>
      withVisualConnection(context, params, (connection) =>
        proposeNextVersion(context, connection, body?.by, {
          candidate: (workflow) => workflow.draft?.mapping,
          propose: publishDraft,
        }),
      ),
  }),
  ...(['approve', 'decline'] as const).map((action) =>
    defineOperation({
      method: 'POST',
      path: `/connections/{id}/visual-mapping/${action}`,
      summary:
        action === 'approve'
          ? "Approves the other side's proposal (`{ proposalId, by? }`): it runs on this side at once, and on the other side when the approval arrives. Refused when it names what this side's tracker does not have (`invalid_request`, with the problems), and 409 when the id is not the proposal awaiting this side's decision."
          : "Declines the other side's proposal (`{ proposalId, by? }`): nothing changes on either side, and the proposal stays in the history as declined. 409 when the id is not the proposal awaiting this side's decision.",
      body: decisionRequestSchema,
      successStatus: 200,
      run: (context, { params, body }) =>
        withVisualConnection(context, params, async (connection) => {
          const side = mappingSideOf(connection);
          const decidedBy = byOf(connection, body.by);
          // The approver checks against its own tracker's values as they are now.
          const known = action === 'approve' ? await readLiveVocabularies(context, connection) : null;
          const decided = await changeMappingWorkflow(context, connection, (workflow) => {
            const incoming = awaitingFrom(workflow, otherSide(side));
            if (known !== null && incoming !== null && incoming.proposalId === body.proposalId) {
              const checked = checkMapping(context, connection, incoming.mapping, known, agreedVersion(workflow).mapping);
              if (!checked.ok) return err(seenFromHere(checked.error, side));
            }
            const decided = decideProposal(workflow, side, {
              proposalId: body.proposalId,
              decision: action === 'approve' ? 'approved' : 'declined',
              decidedBy,
              now: context.clock.now(),
            });
            if (!decided.ok) return decided;
            return ok({
              workflow: decided.value.workflow,
              message: { decision: decided.value.decision },
              answer: { proposalId: body.proposalId, decision: decided.value.decision.decision, agreedVersion: agreedVersion(decided.value.workflow).version },
            });
          });
          // Approved, it runs here at once: this side's filter becomes the trigger, and drift is looked for.
          if (decided.ok && decided.value.decision === 'approved') await afterMappingAgreed(context, connection);
          return decided;
        }),
    }),
  ),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/visual-mapping/roll-back',
    summary:
      'Proposes an earlier agreed version (`{ version, by? }`) again, as the next version: like any change, it runs once the other side approves it. 404 for a version that never ran.',
    body: rollBackRequestSchema,
    successStatus: 202,
    run: (context, { params, body }) =>
      withVisualConnection(context, params, (connection) =>
        proposeNextVersion(context, connection, body.by, {
          candidate: (workflow) =>
            workflow.versions.find((version) => version.version === body.version && (version.state === 'agreed' || version.state === 'superseded'))?.mapping,
          propose: (workflow, side, stamp) => proposeRollBack(workflow, side, body.version, stamp),
        }),
      ),
  }),
];

import { z } from 'zod';

// What the consoles read back from the Visual mapping operations of the admin API
// (core/admin/visual-mapping-operations.ts). Tolerant, like sync-answers.ts: a newer node may add
// fields, and a console checks only what it shows or sends back.

const viewDirectionSchema = z.enum(['both', 'to-remote', 'to-local']);
const viewPairSchema = z.object({ local: z.string(), remote: z.string(), direction: viewDirectionSchema });
const viewSideSchema = z.object({ tracker: z.string(), filter: z.string().nullable() });
const viewTogglesSchema = z.object({ send: z.boolean(), receive: z.boolean() });

/** A mapping as this side reads and edits it (core/mapping/mapping-view.ts): this side is `local`. */
export const mappingViewAnswerSchema = z.object({
  version: z.number(),
  side: z.enum(['initiator', 'acceptor']),
  local: viewSideSchema,
  remote: viewSideSchema,
  fields: z.array(viewPairSchema),
  values: z.object({ status: z.array(viewPairSchema), priority: z.array(viewPairSchema), type: z.array(viewPairSchema) }),
  comments: viewTogglesSchema,
  attachments: viewTogglesSchema,
});
export type MappingViewAnswer = z.infer<typeof mappingViewAnswerSchema>;

/** One difference between the running mapping and a proposal, with the words the console shows. */
export const mappingDifferenceAnswerSchema = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  /** What it is about: `fields`, `values.status`, `comments`, `filter.local`. */
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  words: z.string(),
});
export type MappingDifferenceAnswer = z.infer<typeof mappingDifferenceAnswerSchema>;

const agreedAnswerSchema = z.object({
  version: z.number(),
  view: mappingViewAnswerSchema,
  publishedBy: z.string(),
  publishedAt: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
});

export const visualDraftAnswerSchema = z.object({ view: mappingViewAnswerSchema, savedAt: z.string(), savedBy: z.string() });
export type VisualDraftAnswer = z.infer<typeof visualDraftAnswerSchema>;

export const visualProposalAnswerSchema = z.object({
  proposalId: z.string(),
  version: z.number(),
  view: mappingViewAnswerSchema,
  publishedBy: z.string(),
  publishedAt: z.string(),
  basedOnVersion: z.number(),
});
export type VisualProposalAnswer = z.infer<typeof visualProposalAnswerSchema>;

const incomingProposalAnswerSchema = visualProposalAnswerSchema.extend({ diff: z.array(mappingDifferenceAnswerSchema) });
export type IncomingVisualProposalAnswer = z.infer<typeof incomingProposalAnswerSchema>;

export const mappingVersionAnswerSchema = z.object({
  version: z.number(),
  state: z.enum(['agreed', 'superseded', 'declined', 'awaiting']),
  publishedBy: z.string(),
  publishedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Which side published it, seen from this side. */
  fromSide: z.enum(['local', 'remote']),
  view: mappingViewAnswerSchema,
});
export type MappingVersionAnswer = z.infer<typeof mappingVersionAnswerSchema>;

const vocabularyAnswerSchema = z.object({
  fields: z.array(z.string()),
  statuses: z.array(z.string()),
  priorities: z.array(z.string()),
  types: z.array(z.string()),
});
export type VocabularyAnswer = z.infer<typeof vocabularyAnswerSchema>;

export const visualMappingAnswerSchema = z.object({
  side: z.enum(['initiator', 'acceptor']),
  agreed: agreedAnswerSchema,
  draft: visualDraftAnswerSchema.nullable(),
  /** Published here, waiting for the other side's approval. */
  outgoingProposal: visualProposalAnswerSchema.nullable(),
  /** Published there, waiting for this side's approval. */
  incomingProposal: incomingProposalAnswerSchema.nullable(),
  history: z.array(mappingVersionAnswerSchema),
  values: z.object({
    local: vocabularyAnswerSchema,
    remote: vocabularyAnswerSchema,
    /** Whether each list came from its tracker (read here, or sent by the other node) rather than the tracker's defaults; older nodes leave it out. */
    live: z.object({ local: z.boolean(), remote: z.boolean() }).optional(),
    /** Why a list is the tracker's defaults, in words for the admin. */
    notes: z.array(z.string()).optional(),
  }),
  /** Pairs of the agreed version naming a value this side's tracker no longer has (also listed on the Errors tab); older nodes leave it out. */
  drift: z.array(z.object({ kind: z.enum(['status', 'priority', 'type']), value: z.string(), pairedWith: z.string(), message: z.string() })).optional(),
  /** Values one side has that the other cannot place; `side` is seen from this side. */
  unmapped: z.array(z.object({ kind: z.enum(['status', 'priority', 'type']), side: z.enum(['local', 'remote']), value: z.string() })),
  /** The scripts this side runs now, compiled from the agreed version (read only). */
  compiled: z.object({ outgoing: z.string(), incoming: z.string() }),
});
export type VisualMappingAnswer = z.infer<typeof visualMappingAnswerSchema>;

export const visualDecisionAnswerSchema = z.object({
  proposalId: z.string(),
  decision: z.enum(['approved', 'declined']),
  /** The version running on this side after the decision. */
  agreedVersion: z.number(),
});
export type VisualDecisionAnswer = z.infer<typeof visualDecisionAnswerSchema>;

/** What `PUT …/visual-mapping/draft` refuses with in `error.details.problems`: each names the side and the field or value. */
export const mappingProblemAnswerSchema = z.object({
  side: z.enum(['initiator', 'acceptor', 'local', 'remote']).nullable(),
  subject: z.string(),
  message: z.string(),
});
export type MappingProblemAnswer = z.infer<typeof mappingProblemAnswerSchema>;

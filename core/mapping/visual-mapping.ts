import { z } from 'zod';
import { trackerKinds } from '../trackers';

/**
 * A Visual-mode mapping: the one document both sides of a connection hold. It is stored in a
 * neutral orientation (the side that sent the invitation is the initiator, the other the acceptor),
 * so the two copies are byte for byte the same document; each side reads it through
 * mappingSeenFrom and compiles its own outgoing and incoming scripts from it (compile-mapping.ts).
 * Drafts, approvals and history are kept elsewhere: this is only what the mapping says.
 */

export const mappingSides = ['initiator', 'acceptor'] as const;
export type MappingSide = (typeof mappingSides)[number];

export const mappingDirections = ['both', 'to-acceptor', 'to-initiator'] as const;
/** Which way a row's values flow: `to-acceptor` is sent by the initiator and applied by the acceptor, never the reverse. */
export type MappingDirection = (typeof mappingDirections)[number];

/** The names a tracker uses are short; the limits keep one document well inside a sync message. */
const fieldName = z.string().min(1).max(100);
const valueName = z.string().min(1).max(200);

const sideSchema = z.strictObject({
  tracker: z.enum(trackerKinds),
  /**
   * Which of this side's items sync, in the tracker's trigger language (JQL, WIQL, an Asana
   * filter; core/trackers/trigger-query.ts). The node installs it as this side's trigger; null:
   * this side starts no sync of its own, it only receives (and answers for twins it already has).
   */
  filter: z.string().min(1).max(2000).nullable(),
});
export type MappingSideSettings = z.infer<typeof sideSchema>;

const fieldRowSchema = z.strictObject({
  /** A field as scripts name it (mapping-fields.ts): `summary`, `status`, `areaPath`. */
  initiatorField: fieldName,
  acceptorField: fieldName,
  direction: z.enum(mappingDirections),
});
export type FieldRow = z.infer<typeof fieldRowSchema>;

/**
 * One initiator value that stands for one acceptor value. A value may appear in several pairs: the
 * first pair that applies in a direction names the value an item is moved to, and the others are
 * values that already count as a match (an Azure DevOps item that is Resolved stays Resolved when
 * Jira says Done, if Done ↔ Resolved is a pair).
 */
const valuePairSchema = z.strictObject({
  initiator: valueName,
  acceptor: valueName,
  direction: z.enum(mappingDirections),
});
export type ValuePair = z.infer<typeof valuePairSchema>;

export const valueMapKinds = ['status', 'priority', 'type'] as const;
export type ValueMapKind = (typeof valueMapKinds)[number];

const valuePairs = z.array(valuePairSchema).max(500);

/** Whether comments (or attachments) cross in each direction. */
const directionTogglesSchema = z.strictObject({ toAcceptor: z.boolean(), toInitiator: z.boolean() });
export type DirectionToggles = z.infer<typeof directionTogglesSchema>;

export const visualMappingSchema = z.strictObject({
  /** Counts up with every published change; the compiled scripts say which version they come from. */
  version: z.number().int().min(1),
  initiator: sideSchema,
  acceptor: sideSchema,
  fields: z.array(fieldRowSchema).max(100),
  values: z.strictObject({ status: valuePairs, priority: valuePairs, type: valuePairs }),
  comments: directionTogglesSchema,
  attachments: directionTogglesSchema,
});
export type VisualMapping = z.infer<typeof visualMappingSchema>;

export function otherSide(side: MappingSide): MappingSide {
  return side === 'initiator' ? 'acceptor' : 'initiator';
}

/** Does something in this direction flow into `receiver`? */
export function flowsTo(direction: MappingDirection, receiver: MappingSide): boolean {
  return direction === 'both' || direction === `to-${receiver}`;
}

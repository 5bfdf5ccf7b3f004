import { z } from 'zod';
import { connectionModes, connectionStatuses, trackerKinds, type ConnectionMode } from './browser-core';
import { mappingProblemAnswerSchema } from './visual-mapping-answers';

// What the console reads back from its node's admin API (core/admin/admin-operations.ts). Tolerant
// on purpose: a newer node may add fields, and the console only checks what it shows or sends on.

const knownModes: readonly string[] = connectionModes;
const isConnectionMode = (mode: string): mode is ConnectionMode => knownModes.includes(mode);
/** Another node may offer a mode this console does not know; the wizard keeps only known ones. */
const modeListSchema = z.array(z.string()).transform((modes) => modes.filter(isConnectionMode));

export const instanceAnswerSchema = z.object({
  nodeId: z.string(),
  nodeUrl: z.string().nullable(),
  isPublic: z.boolean(),
  tracker: z.enum(trackerKinds),
  trackerName: z.string(),
  trackerVersion: z.string(),
  instanceUrl: z.string(),
  licence: z.enum(['trial', 'paid', 'expired', 'none']).nullable(),
  /** What the node asked about the licence and what it found (Jira Server/DC); older nodes leave it out. */
  licenceCheck: z.string().nullable().optional(),
  modes: modeListSchema,
});
export type InstanceAnswer = z.infer<typeof instanceAnswerSchema>;

export const projectsAnswerSchema = z.array(z.object({ key: z.string(), name: z.string() }));

export const destinationAnswerSchema = z.object({
  tracker: z.enum(trackerKinds),
  isPublic: z.boolean(),
  modes: modeListSchema,
});

export const invitationPreviewAnswerSchema = z.object({
  inviterName: z.string(),
  destinationName: z.string(),
  tracker: z.enum(trackerKinds),
  instanceUrl: z.string(),
  mode: z.enum(connectionModes),
  connectionName: z.string(),
  description: z.string(),
  expiresAt: z.union([z.string(), z.number()]),
});

export const connectionAnswerSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  mode: z.enum(connectionModes),
  status: z.enum(connectionStatuses),
  statusReason: z.string().nullable().default(null),
  role: z.enum(['initiator', 'acceptor']),
  localName: z.string(),
  remoteName: z.string(),
  projectKey: z.string(),
  /** The other side's Destination Instance URL, or "unknown" for a private side. */
  destination: z.string(),
  remoteTracker: z.string(),
  /** While Pending, when the invitation code stops working (ISO 8601); null afterwards. */
  invitationExpiresAt: z.string().nullable().default(null),
});
export type ConsoleConnection = z.infer<typeof connectionAnswerSchema>;

export const connectionListAnswerSchema = z.array(connectionAnswerSchema);
export const initiateAnswerSchema = z.object({ connection: connectionAnswerSchema, invitationCode: z.string().min(1) });
export const acceptAnswerSchema = z.object({ connection: connectionAnswerSchema });

/** `GET /connections/{id}/invitation`: a Pending connection's code, shown again. */
export const invitationAnswerSchema = z.object({ invitationCode: z.string().min(1), expiresAt: z.string() });
export type InvitationAnswer = z.infer<typeof invitationAnswerSchema>;

export const checkAnswerSchema = z.object({
  reachable: z.boolean(),
  remoteStatus: z.string().nullable(),
  roundTripMs: z.number(),
});
export type CheckAnswer = z.infer<typeof checkAnswerSchema>;

export const errorAnswerSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** A refused Visual mapping lists every problem here; other refusals leave it out. */
    details: z.object({ problems: z.array(mappingProblemAnswerSchema).optional() }).optional(),
  }),
});

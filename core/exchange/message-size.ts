import { maximumAttachmentBytes } from '../sync/sync-records';

/**
 * What one peer message may carry, in UTF-8 bytes. The largest envelope a node sends is one
 * attachment at the attachment cap (maximumAttachmentBytes, 10 MiB) as base64url: 4/3 of it,
 * 13,981,014 characters, with at most 1.2 KB of file name and type beside it. The change that
 * names it travels as its own envelope, and a replica is at most 1 MiB (maximumReplicaBytes). So
 * 16 MiB holds the largest attachment with room to spare, and senders pack smaller envelopes up
 * to it (fitMessageSize).
 */
export const maximumMessageBytes = 16 * 1024 * 1024;

/** The largest attachment envelope, spelled out so that raising the attachment cap fails loudly. */
export const largestAttachmentEnvelopeBytes = Math.ceil((maximumAttachmentBytes * 4) / 3) + 2048;

/**
 * What a node reads of a peer's message, or of a peer's answer: one full message plus the JSON
 * around its envelopes (`{"type":"deliver","envelopes":[…]}`, commas). Anything longer is not from
 * an Exalate node and is cut off as it arrives.
 */
export const maximumPeerMessageBytes = maximumMessageBytes + 64 * 1024;

/**
 * The largest attachment whose envelope fits in a message of `messageBytes`: base64url makes
 * 3 bytes 4 characters, and 2 KB is kept for the file name, type and ids beside the content.
 * At most maximumAttachmentBytes, whatever the message size.
 */
export function largestAttachmentBytesIn(messageBytes: number): number {
  return Math.min(maximumAttachmentBytes, Math.floor(((messageBytes - 2048) * 3) / 4));
}

import type { TrackerItem } from '../ports/tracker-item';
import { plainTextOf, type RichText } from '../rich-text/rich-text';
import { canonicalJson } from '../replica/canonical-json';
import type { Replica } from '../replica/replica-schema';
import type { IncomingPlan } from './incoming-plan';
import type { SyncLink } from './script-context';
import type { IncomingOutput } from './script-outputs';

/** A remote comment as the script's mergeComments call offered it. */
export interface ShapedComment {
  readonly remoteId: string;
  readonly body: RichText;
  /** Without a transform: the remote author's name, put before the body as "[Alice Example]: ". */
  readonly authorPrefix: string | null;
}

export interface MergeContext {
  readonly issue: TrackerItem | null;
  readonly replica: Replica;
  readonly previous: Replica | null;
  readonly commentLinks: readonly SyncLink[];
}

/**
 * Which of the comments mergeComments offered are new here and which changed. A linked comment is
 * updated when the remote comment changed since the last replica; with no earlier version to
 * compare, when its words differ from the local comment's (trackers' converters differ in spaces
 * and line breaks, so those do not count). Comparing the remote with itself first matters:
 * a comment's text rarely survives a round trip through two trackers' formats byte for byte, and
 * comparing with the local copy alone would rewrite it on every sync.
 */
export function commentDecisions(offered: readonly ShapedComment[], context: MergeContext): Pick<IncomingPlan, 'commentsToAdd' | 'commentsToUpdate'> {
  const localIdOf = new Map(context.commentLinks.map((link) => [link.remoteId, link.localId]));
  const localComments = new Map((context.issue?.comments ?? []).map((comment) => [comment.id, comment]));
  const remoteComments = new Map((context.replica.comments ?? []).map((comment) => [comment.id, comment]));
  const previousComments = new Map((context.previous?.comments ?? []).map((comment) => [comment.id, comment]));
  const commentsToAdd: { remoteId: string; body: RichText }[] = [];
  const commentsToUpdate: { localId: string; remoteId: string; body: RichText }[] = [];
  for (const offer of offered) {
    const comment = { remoteId: offer.remoteId, body: offer.authorPrefix === null ? offer.body : withAuthorPrefix(offer.body, offer.authorPrefix) };
    const localId = localIdOf.get(comment.remoteId);
    if (localId === undefined) {
      commentsToAdd.push(comment);
      continue;
    }
    const local = localComments.get(localId);
    // Deleted here: a remote edit does not bring it back.
    if (local === undefined) continue;
    const remote = remoteComments.get(comment.remoteId);
    const before = previousComments.get(comment.remoteId);
    const changed =
      remote !== undefined && before !== undefined
        ? canonicalJson(before.body) !== canonicalJson(remote.body)
        : comparableText(comment.body) !== comparableText(local.body);
    if (changed) commentsToUpdate.push({ localId, remoteId: comment.remoteId, body: comment.body });
  }
  return { commentsToAdd, commentsToUpdate };
}

/** Exalate's default for merged comments: who wrote it on the other side, before the text. */
export function withAuthorPrefix(body: RichText, author: string): RichText {
  const prefix = `[${author}]: `;
  const [first, ...rest] = body.content;
  if (first?.type === 'paragraph')
    return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: prefix }, ...first.content] }, ...rest] };
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: prefix.trim() }] }, ...body.content] };
}

function comparableText(body: RichText): string {
  return plainTextOf(body).replace(/\s+/g, ' ').trim();
}

/**
 * The comments the script's mergeComments calls offered, one per remote comment (a later call
 * wins). Echoes of this side's own comments never count; without a transform, the remote author's
 * name goes before the body.
 */
export function offeredComments(calls: IncomingOutput['comments']): ShapedComment[] {
  const offered = new Map<string, ShapedComment>();
  for (const call of calls) {
    if (call.prefix) {
      for (const comment of call.comments ?? []) {
        if (comment.echoOf !== undefined) continue;
        offered.set(comment.id, { remoteId: comment.id, body: comment.body, authorPrefix: comment.author?.displayName || comment.author?.email || 'Unknown' });
      }
    } else {
      for (const comment of call.comments) offered.set(comment.id, { remoteId: comment.id, body: comment.body, authorPrefix: null });
    }
  }
  return [...offered.values()];
}

/** The attachments mergeAttachments offered that are neither echoes nor linked to a local one yet. */
export function attachmentDecisions(calls: IncomingOutput['attachments'], attachmentLinks: readonly SyncLink[]): IncomingPlan['attachmentsToAdd'] {
  const linked = new Set(attachmentLinks.map((link) => link.remoteId));
  const toAdd = new Map<string, IncomingPlan['attachmentsToAdd'][number]>();
  for (const attachment of calls.flatMap((call) => call ?? [])) {
    if (attachment.echoOf !== undefined || linked.has(attachment.id)) continue;
    toAdd.set(attachment.id, { remoteId: attachment.id, filename: attachment.filename, mimeType: attachment.mimeType || 'application/octet-stream' });
  }
  return [...toAdd.values()];
}

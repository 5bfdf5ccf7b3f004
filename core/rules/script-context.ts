import type { TrackerAttachment, TrackerComment, TrackerItem, TrackerUser } from '../ports/tracker-item';
import type { TrackerKind } from '../trackers';
import { emptyRichText, type RichText } from '../rich-text/rich-text';
import type { Replica } from '../replica/replica-schema';
import { aliasProperties } from './tracker-aliases';

/** `connection` as scripts see it. */
export interface ScriptConnection {
  readonly name: string;
  /** This side's short name (Local instance short name in the wizard). */
  readonly localName: string;
  readonly remoteName: string;
  readonly localTracker: TrackerKind;
  readonly remoteTracker: TrackerKind;
}

/** A local comment, marked with the remote comment it was created from when sync created it. */
export interface OutgoingComment extends TrackerComment {
  readonly syncedFrom: string | null;
}

export interface OutgoingAttachment extends TrackerAttachment {
  readonly syncedFrom?: string | null;
}

/**
 * The local item an outgoing script reads: a TrackerItem whose comments (and, when the engine
 * knows, attachments) say which were created by sync, so the replica can mark them as echoes.
 */
export interface OutgoingItem extends Omit<TrackerItem, 'comments' | 'attachments'> {
  readonly comments: readonly OutgoingComment[];
  readonly attachments: readonly OutgoingAttachment[];
}

/** Which remote comment or attachment became which local one. */
export interface SyncLink {
  readonly remoteId: string;
  readonly localId: string;
}

export interface TwinKey {
  readonly remoteKey: string;
  readonly localKey: string;
}

/** A person as scripts see one. */
interface ScriptUserData {
  readonly email: string | null;
  readonly displayName: string;
  readonly id: string;
}

/** The local item as the harness receives it: already in the shape scripts read. */
export interface ScriptIssueData {
  readonly key: string | null;
  readonly url: string | null;
  readonly projectKey: string | null;
  readonly type: string | null;
  readonly summary: string;
  readonly description: RichText;
  readonly status: { readonly name: string } | null;
  readonly priority: { readonly name: string } | null;
  readonly labels: readonly string[];
  readonly assignee: ScriptUserData | null;
  readonly reporter: ScriptUserData | null;
  readonly comments: readonly (Omit<TrackerComment, 'author'> & { readonly author: ScriptUserData | null; readonly syncedFrom: string | null })[];
  readonly attachments: readonly (TrackerAttachment & { readonly syncedFrom: string | null })[];
  readonly customFields: Readonly<Record<string, unknown>>;
  readonly parentKey: string | null;
  readonly updated: string | null;
  /** Tracker words and reference names (areaPath, completed): see aliasProperties. */
  readonly [alias: string]: unknown;
}

/**
 * Shapes the item the way scripts read it (status as `{ name }`, every comment saying whether
 * sync created it). Done here rather than in the harness: the harness is compiled on every run.
 * No item (incoming, first sync) gives a blank one in the connection's project.
 */
export function scriptIssueData(tracker: TrackerKind, item: TrackerItem | OutgoingItem | null, defaultProjectKey: string | null): ScriptIssueData {
  if (item === null) {
    const blank = {
      key: null,
      url: null,
      projectKey: defaultProjectKey,
      type: null,
      summary: '',
      description: emptyRichText,
      status: null,
      priority: null,
      labels: [],
      assignee: null,
      reporter: null,
      comments: [],
      attachments: [],
      customFields: {},
      parentKey: null,
      updated: null,
    };
    return { ...aliasProperties(tracker, {}, null), ...blank };
  }
  return {
    ...aliasProperties(tracker, item.customFields, item.status),
    key: item.key,
    url: item.url,
    projectKey: item.projectKey,
    type: item.type,
    summary: item.summary,
    description: item.description,
    status: item.status === '' ? null : { name: item.status },
    priority: item.priority === null ? null : { name: item.priority },
    labels: item.labels,
    assignee: userData(item.assignee),
    reporter: userData(item.reporter),
    comments: item.comments.map((comment) => ({
      ...comment,
      author: userData(comment.author),
      syncedFrom: 'syncedFrom' in comment ? comment.syncedFrom : null,
    })),
    attachments: item.attachments.map((attachment) => ({ ...attachment, syncedFrom: 'syncedFrom' in attachment ? (attachment.syncedFrom ?? null) : null })),
    customFields: item.customFields,
    parentKey: item.parentKey,
    updated: item.updated,
  };
}

function userData(user: TrackerUser | null): ScriptUserData | null {
  return user === null ? null : { email: user.email, displayName: user.displayName, id: user.id };
}

/** What the harness receives as JSON: one shape for both directions. */
export interface HarnessInput {
  readonly direction: 'outgoing' | 'incoming';
  readonly connection: ScriptConnection;
  readonly issue: ScriptIssueData;
  readonly replica: Replica | null;
  readonly previous: Replica | null;
  readonly firstSync: boolean;
  readonly syncedKeys: readonly string[];
  readonly twinKeys: readonly TwinKey[];
  /** null: every name is taken as an existing type and the tracker decides on creation. */
  readonly issueTypes: readonly string[] | null;
}

export function harnessInput(fields: Pick<HarnessInput, 'direction' | 'connection' | 'issue'> & Partial<HarnessInput>): HarnessInput {
  return { replica: null, previous: null, firstSync: false, syncedKeys: [], twinKeys: [], issueTypes: null, ...fields };
}

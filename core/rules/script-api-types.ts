/**
 * The published typings for script authors, served by the admin API. The same text is
 * core/rules/script-api.d.ts; a test keeps the two equal and type-checks the default scripts
 * against it.
 */
export const scriptApiTypes = `/**
 * Exalate-open Script mode: what an outgoing or incoming script sees.
 *
 * Save this file beside your scripts to get completion and checks in your editor (docs/scripting.md
 * says how). A script is the body of a function: \`return\` ends it early. Outgoing scripts fill
 * \`replica\` from the local item; an empty replica, or a \`return\` before anything is set, sends
 * nothing. Incoming scripts change the local item from \`replica\`; the sync then writes only what
 * differs from the item's current state.
 */
declare namespace ExalateScript {
  type TrackerKind = 'jira-cloud' | 'jira-server' | 'azure-devops' | 'asana';

  type TextMark = 'bold' | 'italic' | 'underline' | 'strike' | 'code';
  type RichInline =
    | { type: 'text'; text: string; marks?: TextMark[]; link?: string }
    | { type: 'mention'; displayName: string; email?: string }
    | { type: 'hardBreak' };
  type RichBlock =
    | { type: 'paragraph'; content: RichInline[] }
    | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: RichInline[] }
    | { type: 'bulletList' | 'orderedList'; items: RichBlock[][] }
    | { type: 'codeBlock'; text: string; language?: string }
    | { type: 'blockquote'; content: RichBlock[] }
    | { type: 'table'; rows: { header: boolean; cells: RichBlock[][] }[] }
    | { type: 'rule' };
  /** Formatted text in the one model every tracker's format converts to (ADF, wiki, HTML). */
  interface RichText {
    type: 'doc';
    content: RichBlock[];
  }
  /** Wherever text is set, plain text works too: it becomes paragraphs. */
  type TextValue = RichText | string;

  interface Named {
    name: string;
  }
  /** A person. Email is how people are matched across trackers; it is null where a tracker hides it. */
  interface User {
    email: string | null;
    displayName: string;
    /** The tracker's own id: meaningless on the other side. */
    id?: string;
  }
  /** A person to resolve on this side by email, from nodeHelper.getUserByEmail. */
  interface UserReference {
    email: string;
  }
  /** A custom field, Exalate style: read and set \`.value\`. Reading a field that has no value gives \`{ value: null }\`. */
  interface CustomField<T = unknown> {
    value: T;
  }

  interface Comment {
    readonly id: string;
    readonly author: User | null;
    readonly body: RichText;
    readonly created: string;
    readonly updated: string;
    /** The remote comment this comment was created from by sync, or null. */
    readonly syncedFrom: string | null;
  }
  interface Attachment {
    readonly id: string;
    readonly filename: string;
    readonly mimeType: string;
    readonly size: number;
    readonly created: string;
    readonly syncedFrom: string | null;
  }

  /** The local item: \`issue\` everywhere, also \`workItem\` (Azure DevOps) and \`entity\` (Asana). */
  interface Issue {
    /** null until the item exists (incoming, first sync). */
    readonly key: string | null;
    readonly url: string | null;
    /** Set it on first sync to choose where the item is created; it starts as the connection's project. */
    projectKey: string;
    get type(): string | null;
    /** Set it on first sync; later changes are ignored. */
    set type(value: string | Named | null);
    summary: string;
    get description(): RichText;
    set description(value: TextValue);
    /** Jira status, Azure DevOps State, Asana "completed" or "incomplete". */
    get status(): Named | null;
    set status(value: string | Named | null);
    get priority(): Named | null;
    set priority(value: string | Named | null);
    /** Jira labels, Azure DevOps tags, Asana tags. */
    labels: string[];
    get assignee(): User | UserReference | null;
    set assignee(value: User | UserReference | string | null);
    readonly reporter: User | null;
    readonly comments: Comment[];
    readonly attachments: Attachment[];
    /** By the name admins see (Jira field name, Azure DevOps reference name, Asana field name). */
    customFields: Record<string, CustomField>;
    parentKey: string | null;
    readonly updated: string | null;
    /**
     * Azure DevOps: System.AreaPath; paths start with the project name ("Platform\\\\Export").
     * Tracker words like this one are copies of the custom field: set one or the other.
     */
    areaPath?: string | null;
    /** Azure DevOps: System.IterationPath ("Platform\\\\Sprint 4"). */
    iterationPath?: string | null;
    /** Asana: due_on, a date ("2026-12-01"). */
    due?: string | null;
    /** Asana: the same as status "completed". */
    completed?: boolean;
    /** Azure DevOps raw reference names: workItem['Microsoft.VSTS.Common.AcceptanceCriteria']. */
    [referenceName: \`\${string}.\${string}\`]: unknown;
  }

  interface ReplicaComment {
    id: string;
    author: User | null;
    body: TextValue;
    created: string;
    updated: string;
    /** Set by sync: this comment is a copy of one of the receiver's own; mergeComments skips it. */
    echoOf?: string;
  }
  interface ReplicaAttachment {
    id: string;
    filename: string;
    mimeType: string;
    size: number;
    contentHash?: string;
    echoOf?: string;
  }

  /** What crosses between the two sides. Add keys of your own freely: they cross too. */
  interface Replica {
    /** The sender's item key; set by sync. */
    readonly key: string;
    url?: string | null;
    projectKey?: string | null;
    type?: string | null;
    summary?: string;
    get description(): RichText | undefined;
    set description(value: TextValue | undefined);
    get status(): Named | undefined;
    set status(value: string | Named | null | undefined);
    get priority(): Named | null | undefined;
    set priority(value: string | Named | null | undefined);
    labels?: string[];
    get assignee(): User | null | undefined;
    set assignee(value: User | UserReference | null | undefined);
    get reporter(): User | null | undefined;
    set reporter(value: User | UserReference | null | undefined);
    comments?: ReplicaComment[];
    attachments?: ReplicaAttachment[];
    /** Raw values cross; each side sees them as \`{ value }\`. */
    customFields: Record<string, CustomField>;
    parent?: { key: string } | null;
    updated?: string | null;
    [custom: string]: unknown;
  }

  interface Connection {
    readonly name: string;
    readonly localName: string;
    readonly remoteName: string;
    readonly localTracker: TrackerKind;
    readonly remoteTracker: TrackerKind;
  }

  /** A remote comment as mergeComments' transform sees it. */
  interface RemoteComment {
    readonly id: string;
    author: { email: string | null; displayName: string } | null;
    get body(): RichText;
    set body(value: TextValue);
    readonly created: string;
    readonly updated: string;
  }

  interface CommentHelper {
    /**
     * Adds remote comments not yet here and updates those changed remotely; skips copies of this
     * side's own comments. Without a transform each body starts with "[Author Name]: ". The
     * transform may change the body (or return a new one), or return null to skip the comment.
     */
    mergeComments(issue: Issue, replica: Replica, transform?: (comment: RemoteComment) => RemoteComment | TextValue | null | false | void): void;
    /** The comment's body with the default "[Author Name]: " prefix, for use in a transform. */
    withAuthorPrefix(comment: RemoteComment): TextValue;
  }
  interface AttachmentHelper {
    /** Adds remote attachments not yet here; the content is downloaded and checked by hash. */
    mergeAttachments(issue: Issue, replica: Replica): void;
  }
  interface WorkflowHelper {
    /** Runs a named Jira workflow transition after the item's fields are written. */
    transition(issue: Issue, name: string): void;
  }
  interface NodeHelper {
    /** A person to resolve on this side by email; null for an empty email. */
    getUserByEmail(email: string | null | undefined): UserReference | null;
    /** The type's name as this project spells it, or null when the project has no such type. */
    getIssueType(name: string | Named | null | undefined, projectKey?: string): string | null;
    /** Plain text from HTML (or from rich text). */
    stripHtml(text: string | RichText | null | undefined): string;
  }
  interface SyncHelper {
    /** Is this local item (a key, or an item) already synced? Anything else is not. */
    isUnderSync(key: unknown): boolean;
    /** The local key of a remote item's twin (a parent, an epic), or null when it has none yet. */
    getLocalKey(remoteKey: string | null | undefined): string | null;
    /** Stop syncing this item once this message is applied (incoming only). */
    unlinkAfterProcessing(): void;
  }
  interface StatusHelper {
    /** map[name] (exact, then ignoring case), else the fallback, else the name itself. */
    map(name: string | Named | null | undefined, map: Readonly<Record<string, string>>, fallback?: string | Named | null): string | null;
  }
}

declare const issue: ExalateScript.Issue;
declare const workItem: ExalateScript.Issue;
declare const entity: ExalateScript.Issue;
declare const replica: ExalateScript.Replica;
/** The last replica applied for this item (incoming), or null. */
declare const previous: ExalateScript.Replica | null;
/** Incoming: true when this replica creates the local item. */
declare const firstSync: boolean;
declare const connection: ExalateScript.Connection;
declare const commentHelper: ExalateScript.CommentHelper;
declare const attachmentHelper: ExalateScript.AttachmentHelper;
declare const workflowHelper: ExalateScript.WorkflowHelper;
declare const nodeHelper: ExalateScript.NodeHelper;
declare const syncHelper: ExalateScript.SyncHelper;
declare const statusHelper: ExalateScript.StatusHelper;

/** console.log and friends: shown in test runs and in the script error's details. */
interface Console {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
}
// eslint-disable-next-line no-var -- the same declaration the DOM and Node typings use, so they merge.
declare var console: Console;
`;

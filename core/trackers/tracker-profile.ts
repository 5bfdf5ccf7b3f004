import type { TriggerField } from './trigger-condition';

/**
 * Everything core needs to know about one tracker that is not behind the Tracker port: its words,
 * its default vocabulary, its trigger language and how its console connects. One file per tracker
 * in this folder; `index.ts` registers them, so a tracker without a profile is a compile error.
 */
export interface TrackerProfile {
  /** As people name the tracker ("Azure DevOps"). */
  readonly displayName: string;
  readonly words: TrackerWords;
  readonly vocabulary: TrackerVocabulary;
  readonly scriptFields: ScriptFieldAliases;
  readonly trigger: TriggerLanguage;
  /** How descriptions and comments are written there; the adapter converts with core/rich-text. */
  readonly richText: RichTextFormat;
  /** Where a person opens one item, from the tracker's base URL (no trailing slash) and the item's key. */
  readonly itemUrl: (baseUrl: string, key: string) => string;
  readonly console: ConsoleTraits;
}

export type RichTextFormat = 'adf' | 'wiki-markup' | 'html' | 'asana-html';

export interface TrackerWords {
  /** The product's short name, shared by a family ("Jira" for Cloud and Server/DC alike). */
  readonly brand: string;
  /** One item as the tracker's users say it: "issue", "work item", "task". */
  readonly item: string;
  /** The name scripts give the local item (`issue`, `workItem`, `entity`); all three work everywhere. */
  readonly scriptItem: string;
  /** Where to create a project and which permission to check: an empty project list almost always means one of the two. */
  readonly projectAdvice: string;
}

export type StatusCategory = 'todo' | 'doing' | 'done';

export interface StatusVocabulary {
  /** The status a new or moved item gets for each category. */
  readonly target: Readonly<Record<StatusCategory, string>>;
  /** Names this tracker's default workflows use, by what they mean. */
  readonly known: Readonly<Record<string, StatusCategory>>;
}

/**
 * The words a tracker uses out of the box, which the default scripts map between. Admins with
 * other workflows edit the maps in their scripts; these only have to be right for new projects.
 */
export interface TrackerVocabulary {
  /** Trackers of one family share their vocabulary (both Jiras are "jira"). */
  readonly family: string;
  readonly statuses: StatusVocabulary;
  /** Remote type → local type where names differ, by the remote tracker's family; unmapped names are tried as they are. */
  readonly typeNamesFrom: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Remote priority → local priority, by the remote tracker's family; a family left out has its names copied as they are. */
  readonly priorityNamesFrom: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Set when every item has this one type (Asana's tasks): a new item gets it whatever the remote type. */
  readonly onlyItemType: string | null;
  /** False when the tracker has no built-in priority (Asana). */
  readonly hasPriority: boolean;
  /** True when an item is only finished or not (Asana's completed), rather than in a workflow. */
  readonly statusIsCompletion: boolean;
  /** False when a label cannot contain spaces (Jira labels). */
  readonly labelsMayHaveSpaces: boolean;
}

/**
 * Tracker words for fields adapters keep among custom fields: `workItem.areaPath` is
 * `customFields['System.AreaPath']`. Adapters put these names in TrackerItem.customFields.
 */
export interface ScriptFieldAliases {
  readonly aliases: Readonly<Record<string, string>>;
  /** Every custom field with a dotted reference name is also a property of its own (`workItem['Microsoft.VSTS.Common.Priority']`). */
  readonly dottedCustomFields: boolean;
  /** The item has a boolean `completed` that stands for its status (Asana). */
  readonly completedFlag: boolean;
}

/**
 * The trigger language as admins of this tracker write it. The grammar is one (trigger-query.ts);
 * a tracker names the fields it accepts, in its own words.
 */
export interface TriggerLanguage {
  /** The name admins know it by: "JQL", "WIQL", "Asana filter". */
  readonly name: string;
  /** Field names (lower case) the tracker's admins write, and what they mean. */
  readonly fields: Readonly<Record<string, TriggerField>>;
  /** A statement head admins may paste before the conditions (WIQL's `SELECT … FROM WorkItems WHERE`), dropped before parsing. */
  readonly statementHead: RegExp | null;
}

export interface ConsoleTraits {
  /** How the console connects the tracker: a base URL and token, an OAuth sign-in, or nothing (set where the node is deployed). */
  readonly signIn: 'token' | 'oauth' | null;
  /**
   * The project step's button, as the tracker's guide names it ("Click Next." or "Click Initiate."),
   * so an admin with the guide open finds the button it names.
   */
  readonly initiateButton: 'next' | 'initiate';
  /** A line the project step shows before the list, when the tracker's guide has no such step to explain it. */
  readonly projectStepNotice: string | null;
  /**
   * Script mode asks for a public instance and a licence that has not expired (Exalate's
   * on-premise guide for Jira Server/DC).
   */
  readonly scriptModeNeedsPublicLicensedInstance: boolean;
}

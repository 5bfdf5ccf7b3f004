import type { ClockV1, NodeContext, TrackerKind, TrackerV1 } from '../../core';
import type { AzureDevOpsAdapter } from '../azure-devops/adapter';

/**
 * Who administers the node's Azure DevOps organization, as Azure DevOps answers it with the node's
 * own token (collection-administrators.ts), remembered for a minute: the hub sends a request for
 * every tab and button, and a user removed from the administrators is out within that minute.
 * Answers are remembered per user id, at most `maximumUsers` of them; failures are not remembered.
 */
export interface AdministratorCheck {
  isAdministrator(userId: string): Promise<boolean>;
}

export const administratorAnswerLifetimeMs = 60_000;
const maximumUsers = 1000;

export function cachedAdministratorCheck(
  lookup: (userId: string) => Promise<boolean>,
  clock: ClockV1,
  lifetimeMs = administratorAnswerLifetimeMs,
): AdministratorCheck {
  const answers = new Map<string, { readonly isAdministrator: boolean; readonly until: number }>();
  const asking = new Map<string, Promise<boolean>>();
  return {
    isAdministrator: async (userId) => {
      const key = userId.toLowerCase();
      const known = answers.get(key);
      if (known !== undefined && known.until > clock.now()) return known.isAdministrator;
      const pending = asking.get(key);
      if (pending !== undefined) return pending;
      const question = lookup(key)
        .then((isAdministrator) => {
          answers.delete(key);
          if (answers.size >= maximumUsers) answers.delete(answers.keys().next().value ?? '');
          answers.set(key, { isAdministrator, until: clock.now() + lifetimeMs });
          return isAdministrator;
        })
        .finally(() => asking.delete(key));
      asking.set(key, question);
      return question;
    },
  };
}

type AdministratorLookup = (userId: string) => Promise<boolean>;

/**
 * How a tracker says who administers it, for the trackers whose console calls the node with the
 * tracker's own app tokens: only the Azure DevOps hub does. A table, so that a new tracker does not
 * compile until it answers.
 */
const administratorLookups: Readonly<Record<TrackerKind, ((tracker: TrackerV1) => AdministratorLookup) | undefined>> = {
  'jira-cloud': undefined,
  'jira-server': undefined,
  'azure-devops': (tracker) => {
    // The node's tracker forwards this Azure DevOps-only call (see SwitchableTracker).
    const azureDevOps = tracker as unknown as Pick<AzureDevOpsAdapter, 'isCollectionAdministrator'>;
    return (userId) => azureDevOps.isCollectionAdministrator(userId);
  },
  asana: undefined,
};

/** The check for a node whose tracker is Azure DevOps; undefined for any other tracker. */
export function azureDevOpsAdministratorCheck(context: NodeContext): AdministratorCheck | undefined {
  const lookup = administratorLookups[context.tracker.kind];
  return lookup === undefined ? undefined : cachedAdministratorCheck(lookup(context.tracker), context.clock);
}

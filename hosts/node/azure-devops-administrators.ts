import type { ClockV1, NodeContext } from '../../core';
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

export function cachedAdministratorCheck(lookup: (userId: string) => Promise<boolean>, clock: ClockV1, lifetimeMs = administratorAnswerLifetimeMs): AdministratorCheck {
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

/** The check for a node whose tracker is Azure DevOps; undefined for any other tracker. */
export function azureDevOpsAdministratorCheck(context: NodeContext): AdministratorCheck | undefined {
  if (context.tracker.kind !== 'azure-devops') return undefined;
  // The node's tracker forwards this Azure DevOps-only call (see SwitchableTracker).
  const tracker = context.tracker as unknown as Pick<AzureDevOpsAdapter, 'isCollectionAdministrator'>;
  return cachedAdministratorCheck((userId) => tracker.isCollectionAdministrator(userId), context.clock);
}

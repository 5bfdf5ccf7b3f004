import type { AzureDevOpsClient } from './azure-devops-client';
import { subscriptionSchema } from './azure-devops-responses';

/** The work item events the sync engine reacts to. */
export const watchedEventTypes = ['workitem.created', 'workitem.updated', 'workitem.commented'] as const;

/**
 * The user name sent with the secret. Azure DevOps shows the user name on the subscription page and
 * hides the password, so the secret goes in the password and this fixed name says who set it up.
 */
export const serviceHookUserName = 'exalate';

export interface ServiceHookRegistration {
  readonly subscriptionIds: readonly string[];
}

/**
 * One service hook subscription per event type (`POST _apis/hooks/subscriptions`, serviceHooks 7.1):
 * publisher `tfs`, consumer `webHooks` with action `httpRequest`, which POSTs the event as JSON to
 * `url` with HTTP basic authentication (learn.microsoft.com, "Create a service hook for Azure
 * DevOps with Web Hooks"). Without a `projectId` the subscription covers every project.
 */
export async function registerServiceHooks(
  client: AzureDevOpsClient,
  callbackUrl: string,
  secret: string,
  options: { readonly projectId?: string },
): Promise<ServiceHookRegistration> {
  const subscriptionIds: string[] = [];
  for (const eventType of watchedEventTypes) {
    const answer = await client.json(
      {
        method: 'POST',
        path: '/_apis/hooks/subscriptions',
        apiVersion: '7.1',
        json: {
          publisherId: 'tfs',
          eventType,
          resourceVersion: '1.0',
          consumerId: 'webHooks',
          consumerActionId: 'httpRequest',
          publisherInputs: options.projectId === undefined ? {} : { projectId: options.projectId },
          consumerInputs: { url: callbackUrl, basicAuthUsername: serviceHookUserName, basicAuthPassword: secret },
        },
        action: `subscribe the node to ${eventType} events`,
      },
      subscriptionSchema,
    );
    subscriptionIds.push(answer.value.id);
  }
  return { subscriptionIds };
}

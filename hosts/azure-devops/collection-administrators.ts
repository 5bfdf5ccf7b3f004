import { z } from 'zod';
import type { AzureDevOpsClient } from './azure-devops-client';

/** The Identities resource is versioned like the rest (ims 7.1, `GET {organization}/_apis/identities`). */
const identitiesApiVersion = '7.1';

/**
 * The administrators' group every organization (Services) and collection (Server) has, under this
 * name; its display name is `[organization]\Project Collection Administrators`. Organization
 * owners are in it.
 */
export const collectionAdministratorsGroup = 'Project Collection Administrators';

/**
 * An IdentityDescriptor: the 7.1 document types it as `{ identityType, identifier }`, and the
 * service writes it as the string `identityType;identifier` in identities' `descriptor`,
 * `members` and `memberOf`. Both are read.
 */
const descriptorSchema = z.union([z.string(), z.looseObject({ identityType: z.string(), identifier: z.string() })]);

/**
 * ReadIdentities answers a list; an id it cannot resolve (a user of another organization, a
 * deleted one) comes back as null in its place.
 */
const identitiesSchema = z.looseObject({
  value: z.array(
    z
      .looseObject({
        id: z.string(),
        descriptor: descriptorSchema.nullish(),
        providerDisplayName: z.string().nullish(),
        isContainer: z.boolean().nullish(),
        isActive: z.boolean().nullish(),
        memberOf: z.array(descriptorSchema).nullish(),
      })
      .nullable(),
  ),
});

function descriptorText(descriptor: z.infer<typeof descriptorSchema>): string {
  return (typeof descriptor === 'string' ? descriptor : `${descriptor.identityType};${descriptor.identifier}`).toLowerCase();
}

/** Azure DevOps user ids (the app token's `nameid`, an identity's storage key) are GUIDs. */
export const azureDevOpsUserIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a user is in this organization's (or collection's) Project Collection Administrators,
 * directly or through other groups, as Azure DevOps itself answers with the node's own token:
 * the group by name, then the user by id with `queryMembership=Expanded`, whose `memberOf` lists
 * every group the user is in (ims 7.1, Identities - Read Identities). A user the organization does
 * not know, or who is not active in it, is not an administrator. Needs the token's Identity (Read)
 * scope.
 */
export async function readCollectionAdministratorMembership(client: AzureDevOpsClient, userId: string): Promise<boolean> {
  if (!azureDevOpsUserIdPattern.test(userId)) return false;
  const groups = await client.identities(
    {
      path: '/_apis/identities',
      apiVersion: identitiesApiVersion,
      query: { searchFilter: 'General', filterValue: collectionAdministratorsGroup, queryMembership: 'None' },
      action: `look up the ${collectionAdministratorsGroup} group`,
    },
    identitiesSchema,
  );
  // Exactly the organization's (or collection's) own group: a project administrator may create a
  // project group of the same name, `[Project]\Project Collection Administrators`, and fill it.
  const fullName = `[${organizationNameOf(client.organizationUrl)}]\\${collectionAdministratorsGroup}`.toLowerCase();
  const group = groups.value.find(
    (identity) => identity !== null && identity.isContainer === true && (identity.providerDisplayName ?? '').toLowerCase() === fullName,
  );
  if (group?.descriptor === undefined || group.descriptor === null) return false;
  const groupDescriptor = descriptorText(group.descriptor);
  const users = await client.identities(
    {
      path: '/_apis/identities',
      apiVersion: identitiesApiVersion,
      query: { identityIds: userId, queryMembership: 'Expanded' },
      action: 'read the groups of the user of an app token',
    },
    identitiesSchema,
  );
  const user = users.value.find((identity) => identity !== null && identity.id.toLowerCase() === userId.toLowerCase());
  if (user === undefined || user === null || user.isContainer === true || user.isActive === false) return false;
  return (user.memberOf ?? []).some((descriptor) => descriptorText(descriptor) === groupDescriptor);
}

/**
 * The organization's or collection's name, as its groups are scoped: `https://dev.azure.com/{organization}`,
 * `https://{organization}.visualstudio.com`, or a Server collection URL `https://server/tfs/{Collection}`.
 */
export function organizationNameOf(organizationUrl: string): string {
  const url = new URL(organizationUrl);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 && url.hostname.endsWith('.visualstudio.com')) return url.hostname.split('.')[0] ?? '';
  return decodeURIComponent(segments.at(-1) ?? '');
}

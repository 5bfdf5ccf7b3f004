import { AzureDevOpsClient } from './azure-devops-client';
import { organizationNameOf, readCollectionAdministratorMembership } from './collection-administrators';

const userId = '6f3a8e51-2b1c-4d7e-9a40-1c2b3d4e5f60';
const organizationGroup = 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-1-2-3-4-0-0-0-0-1';
const projectGroup = 'Microsoft.TeamFoundation.Identity;S-1-9-1551374245-9-8-7-6-1-0-0-0-7';

/**
 * An organization whose Identities answers hold, besides its own Project Collection
 * Administrators, a project group a project administrator created under the same name (listed
 * first, as a search may list it), with the user in it.
 */
function organizationWithLookalikeGroup(userGroups: readonly string[]): AzureDevOpsClient {
  const group = (descriptor: string, displayName: string) => ({
    id: descriptor,
    descriptor,
    providerDisplayName: displayName,
    isContainer: true,
    isActive: true,
  });
  const answer = (request: URL) =>
    request.searchParams.has('identityIds')
      ? {
          count: 1,
          value: [
            {
              id: userId,
              descriptor: 'Microsoft.IdentityModel.Claims.ClaimsIdentity;mallory@acme.example',
              providerDisplayName: 'Mallory',
              isContainer: false,
              isActive: true,
              memberOf: userGroups,
            },
          ],
        }
      : {
          count: 2,
          value: [
            group(projectGroup, '[Fabrikam Fiber]\\Project Collection Administrators'),
            group(organizationGroup, '[acme]\\Project Collection Administrators'),
          ],
        };
  return new AzureDevOpsClient({
    baseUrl: 'https://dev.azure.com/acme',
    authorization: 'Basic OnRva2Vu',
    fetch: async (input) => new Response(JSON.stringify(answer(new URL(String(input)))), { headers: { 'content-type': 'application/json' } }),
  });
}

describe('who is in Project Collection Administrators', () => {
  it('is a member of the organization’s own group, not of a project group that borrows its name', async () => {
    await expect(readCollectionAdministratorMembership(organizationWithLookalikeGroup([projectGroup]), userId)).resolves.toBe(false);
    await expect(readCollectionAdministratorMembership(organizationWithLookalikeGroup([organizationGroup]), userId)).resolves.toBe(true);
  });

  it('names the organization or collection the way its groups are scoped', () => {
    expect(organizationNameOf('https://dev.azure.com/acme')).toBe('acme');
    expect(organizationNameOf('https://dev.azure.com/acme/')).toBe('acme');
    expect(organizationNameOf('https://acme.visualstudio.com')).toBe('acme');
    expect(organizationNameOf('https://ado.corp.example/tfs/Default%20Collection')).toBe('Default Collection');
  });
});

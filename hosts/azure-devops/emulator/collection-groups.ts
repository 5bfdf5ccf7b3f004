import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { stableUuid } from './stable-uuid';
import type { AzureDevOpsUserRecord } from './work-item-records';

/**
 * The two collection-level groups every organization has, as the Identities resource (ims 7.1,
 * Identities - Read Identities; its "By Name" example shows Project Collection Valid Users) answers
 * them: a container identity named `[organization]\<group>` whose descriptor is a
 * `Microsoft.TeamFoundation.Identity;S-1-9-…` SID. Everyone of the organization is a valid user;
 * the administrators are the state's `collectionAdministratorIds`.
 */
export type CollectionGroupName = 'Project Collection Administrators' | 'Project Collection Valid Users';

const groupRids: Readonly<Record<CollectionGroupName, number>> = { 'Project Collection Administrators': 1, 'Project Collection Valid Users': 3 };
const groupDescriptions: Readonly<Record<CollectionGroupName, string>> = {
  'Project Collection Administrators': 'Members of this application group can perform all privileged operations on the Team Project Collection.',
  'Project Collection Valid Users': 'This application group contains all users and groups that have access to the Team Project Collection.',
};
export const collectionGroupNames = Object.keys(groupRids) as CollectionGroupName[];

/** A security identifier stable per organization, as Azure DevOps makes one per collection. */
function collectionSid(state: AzureDevOpsEmulatorState): string {
  const words = stableUuid(`collection-sid/${state.organization}`).replace(/-/g, '').match(/.{8}/g) ?? [];
  return `S-1-9-1551374245-${words.map((word) => Number.parseInt(word, 16)).join('-')}`;
}

export function groupDescriptor(state: AzureDevOpsEmulatorState, group: CollectionGroupName): string {
  return `Microsoft.TeamFoundation.Identity;${collectionSid(state)}-0-0-0-0-${groupRids[group]}`;
}

function groupsOf(state: AzureDevOpsEmulatorState, user: AzureDevOpsUserRecord): CollectionGroupName[] {
  return state.collectionAdministratorIds.includes(user.id)
    ? ['Project Collection Administrators', 'Project Collection Valid Users']
    : ['Project Collection Valid Users'];
}

/** The group a `searchFilter=General` value names: with or without the `[organization]\` prefix. */
export function findCollectionGroup(state: AzureDevOpsEmulatorState, filterValue: string): CollectionGroupName | undefined {
  const wanted = filterValue.trim().toLowerCase();
  return collectionGroupNames.find((group) => wanted === group.toLowerCase() || wanted === `[${state.organization.toLowerCase()}]\\${group.toLowerCase()}`);
}

/** `queryMembership` decides whether members and groups are listed (None: empty lists). */
export type MembershipQuery = 'none' | 'direct' | 'expanded' | 'expandedup' | 'expandeddown';

export function representGroup(state: AzureDevOpsEmulatorState, group: CollectionGroupName, membership: MembershipQuery): Record<string, unknown> {
  const members = membership === 'none' || membership === 'expandedup' ? [] : state.users.filter((user) => groupsOf(state, user).includes(group));
  const sid = collectionSid(state);
  return {
    id: stableUuid(`group/${state.organization}/${group}`),
    descriptor: groupDescriptor(state, group),
    subjectDescriptor: `vssgp.${Buffer.from(`${sid}-0-0-0-0-${groupRids[group]}`).toString('base64url')}`,
    providerDisplayName: `[${state.organization}]\\${group}`,
    isActive: true,
    isContainer: true,
    members: members.map(userDescriptor),
    memberOf: [],
    memberIds: members.map((user) => user.id),
    properties: {
      SchemaClassName: { $type: 'System.String', $value: 'Group' },
      Description: { $type: 'System.String', $value: groupDescriptions[group] },
      Account: { $type: 'System.String', $value: group },
      SecurityGroup: { $type: 'System.String', $value: 'SecurityGroup' },
      ScopeName: { $type: 'System.String', $value: state.organization },
    },
    resourceVersion: 2,
    metaTypeId: 255,
  };
}

function userDescriptor(user: AzureDevOpsUserRecord): string {
  return `Microsoft.IdentityModel.Claims.ClaimsIdentity;${user.email}`;
}

export function representUser(state: AzureDevOpsEmulatorState, user: AzureDevOpsUserRecord, membership: MembershipQuery): Record<string, unknown> {
  const groups = membership === 'none' || membership === 'expandeddown' ? [] : groupsOf(state, user);
  return {
    id: user.id,
    descriptor: userDescriptor(user),
    subjectDescriptor: `aad.${Buffer.from(user.id).toString('base64url')}`,
    providerDisplayName: user.displayName,
    isActive: true,
    isContainer: false,
    members: [],
    memberOf: groups.map((group) => groupDescriptor(state, group)),
    memberIds: [],
    properties: {
      SchemaClassName: { $type: 'System.String', $value: 'User' },
      Account: { $type: 'System.String', $value: user.email },
      Mail: { $type: 'System.String', $value: user.email },
    },
    resourceVersion: 2,
    metaTypeId: 0,
  };
}

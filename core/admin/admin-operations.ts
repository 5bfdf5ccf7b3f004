import { acceptInvitation } from '../connection/accept-invitation';
import { viewConnection } from '../connection/connection';
import { initiateConnection } from '../connection/initiate-connection';
import { connectionPageQuerySchema, defaultConnectionPageSize, listConnectionPage, maximumConnectionPageSize } from '../connection/connection-page';
import { changeConnectionStatus, findConnection } from '../connection/manage-connections';
import { readPendingInvitation } from '../connection/pending-invitation';
import { normalizeNodeUrl } from '../exchange/destination-url';
import { inspectDestination } from '../exchange/inspect-destination';
import { sendPeerMessage } from '../exchange/peer-messages';
import { decodeInvitationCode } from '../invitation/invitation-code';
import { previewInvitation } from '../invitation/invitation-payload';
import { supportedModes } from '../node/node-context';
import { trackerDisplayNames } from '../trackers';
import { ok } from '../result';
import { defineOperation, type AdminOperation } from './admin-operation';
import { adminPage } from './admin-page';
import { itemOperations } from './item-operations';
import { syncOperations } from './sync-operations';
import { trackerConnectionOperations } from './tracker-connection-operations';
import { visualMappingOperations } from './visual-mapping-operations';
import {
  acceptRequestSchema,
  emptyRequestSchema,
  initiateRequestSchema,
  inspectDestinationRequestSchema,
  previewInvitationRequestSchema,
} from './admin-schemas';

function idOf(params: Readonly<Record<string, string>>): string {
  return params['id'] ?? '';
}

/** Connections: the wizard's calls and the Connections tab. */
export const connectionOperations: readonly AdminOperation[] = [
  defineOperation({
    method: 'GET',
    path: '/instance',
    summary: 'This node and its tracker: what the console shows in its header and what the wizard needs to know up front.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context) => {
      const instance = await context.tracker.describeInstance();
      return ok({
        nodeId: context.identity.nodeId,
        nodeUrl: context.settings.nodeUrl,
        isPublic: context.settings.nodeUrl !== null,
        tracker: instance.tracker,
        trackerName: trackerDisplayNames[instance.tracker],
        trackerVersion: instance.version,
        instanceUrl: instance.url,
        licence: instance.licence ?? null,
        licenceCheck: instance.licenceCheck ?? null,
        modes: supportedModes,
      });
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/projects',
    summary: 'Projects of the live tracker, for the "project for incoming sync" picker.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context) => ok((await context.tracker.listProjects()).map((project) => ({ key: project.key, name: project.name }))),
  }),
  defineOperation({
    method: 'POST',
    path: '/destinations/inspect',
    summary: 'Asks a Destination Instance URL what it is and which modes it offers.',
    body: inspectDestinationRequestSchema,
    successStatus: 200,
    run: async (context, { body }) => {
      const url = normalizeNodeUrl(body.url, context.settings.allowPrivateDestinations);
      if (!url.ok) return url;
      const info = await inspectDestination(context, url.value);
      if (!info.ok) return info;
      return ok({
        nodeUrl: info.value.nodeUrl,
        tracker: info.value.tracker,
        trackerName: trackerDisplayNames[info.value.tracker],
        isPublic: true,
        modes: info.value.modes,
      });
    },
  }),
  defineOperation({
    method: 'POST',
    path: '/invitations/preview',
    summary: 'Reads an invitation code without accepting it: who invites, tracker, mode, connection name, expiry.',
    body: previewInvitationRequestSchema,
    successStatus: 200,
    run: async (context, { body }) => {
      const decoded = decodeInvitationCode(body.invitationCode, context.clock.now());
      if (!decoded.ok) return decoded;
      const preview = previewInvitation(decoded.value);
      return ok({ ...preview, trackerName: trackerDisplayNames[preview.tracker], expiresAt: new Date(preview.expiresAt).toISOString() });
    },
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/initiate',
    summary:
      'Initiate Connection: stores a Pending connection and returns its invitation code. `mode` is "basic" (a fixed set of fields, nothing to configure), "visual" (a mapping both sides approve; version 1 is the default mapping, agreed at once) or "script"; it is fixed for the connection\'s life.',
    body: initiateRequestSchema,
    successStatus: 201,
    run: async (context, { body }) => {
      const initiated = await initiateConnection(context, body);
      if (!initiated.ok) return initiated;
      return ok({ connection: viewConnection(initiated.value.connection), invitationCode: initiated.value.invitationCode });
    },
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/accept',
    summary: 'Accept Invitation: runs the handshake with the initiator; the connection is Active on both sides.',
    body: acceptRequestSchema,
    successStatus: 201,
    run: async (context, { body }) => {
      const accepted = await acceptInvitation(context, body);
      if (!accepted.ok) return accepted;
      return ok({ connection: viewConnection(accepted.value) });
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/connections',
    summary:
      `The Connections tab: connections with their name, remote side, mode and status, oldest first, in pages of \`limit\` (default ${defaultConnectionPageSize}, at most ${maximumConnectionPageSize}). ` +
      'When more follow, the `Link` header names the next page (`rel="next"`, with `after` = the last id of this page); the body is always the array of connections.',
    body: emptyRequestSchema,
    query: connectionPageQuerySchema,
    answersInPages: true,
    successStatus: 200,
    run: async (context, { query }) => {
      const page = await listConnectionPage(context, query);
      if (!page.ok) return page;
      const next = page.value.next;
      return ok(adminPage(page.value.connections.map(viewConnection), next ? { limit: String(next.limit), after: next.after } : null));
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}',
    summary: 'One connection.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const found = await findConnection(context, idOf(params));
      return found.ok ? ok(viewConnection(found.value)) : found;
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/invitation',
    summary:
      'Show invitation code: the code of a Pending connection again, with its expiry, for the initiator to copy. A 4xx once the code is used (409 invitation_used), expired (410 invitation_expired), or the connection is gone (404 not_found).',
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) => readPendingInvitation(context, idOf(params)),
  }),
  ...(['deactivate', 'activate'] as const).map((event) =>
    defineOperation({
      method: 'POST',
      path: `/connections/{id}/${event}`,
      summary: event === 'deactivate' ? 'Deactivate: changes keep queueing and resume in order on Activate.' : 'Activate a deactivated connection.',
      body: emptyRequestSchema,
      successStatus: 200,
      run: async (context, { params }) => {
        const changed = await changeConnectionStatus(context, idOf(params), event);
        return changed.ok ? ok(viewConnection(changed.value)) : changed;
      },
    }),
  ),
  defineOperation({
    method: 'DELETE',
    path: '/connections/{id}',
    summary: 'Delete a connection: twins are unlinked, items and their data stay.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const changed = await changeConnectionStatus(context, idOf(params), 'delete');
      return changed.ok ? ok(viewConnection(changed.value)) : changed;
    },
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/check',
    summary: 'Sends a signed ping to the other side and reports its answer (only where this side starts requests).',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const startedAt = context.clock.now();
      const reply = await sendPeerMessage(context, idOf(params), { type: 'ping' });
      if (!reply.ok) return reply;
      const remoteStatus = reply.value.type === 'pong' ? reply.value.connectionStatus : null;
      return ok({ reachable: true, remoteStatus, roundTripMs: context.clock.now() - startedAt });
    },
  }),
];

/** The admin API of ARCHITECTURE §8, plus what the consoles need around it. */
export const adminOperations: readonly AdminOperation[] = [
  ...connectionOperations,
  ...syncOperations,
  ...visualMappingOperations,
  ...itemOperations,
  ...trackerConnectionOperations,
];

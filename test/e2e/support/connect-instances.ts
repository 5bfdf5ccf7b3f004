import type { SandboxInstanceDescription } from '../../../scripts/sandbox/sandbox-description';
import { adminClient, type AdminAnswer } from '../../support/sandbox-client';

/**
 * The admins' part of a journey, done already through the admin API (the admin journeys walk it in
 * the consoles): `initiator` invites `acceptor` at its URL, in Script mode unless told otherwise,
 * and the acceptor takes the invitation into its first project. Answers the accepted connection.
 */
export async function connectInstances(
  initiator: SandboxInstanceDescription,
  acceptor: SandboxInstanceDescription,
  invitation: {
    readonly mode?: 'script' | 'basic' | 'visual';
    readonly localName: string;
    readonly remoteName: string;
    readonly name: string;
    readonly projectKey: string;
  },
): Promise<AdminAnswer['body']> {
  const acceptorProjects = await adminClient(acceptor)('GET', '/projects');
  const initiated = await adminClient(initiator)('POST', '/connections/initiate', { destinationUrl: acceptor.url, mode: 'script', ...invitation });
  expect(initiated.status).toBe(201);
  const accepted = await adminClient(acceptor)('POST', '/connections/accept', {
    invitationCode: initiated.body.invitationCode,
    projectKey: acceptorProjects.body[0].key,
  });
  expect(accepted.status).toBe(201);
  return accepted.body.connection;
}

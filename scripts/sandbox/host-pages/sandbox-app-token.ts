import { createHmac, randomUUID } from 'node:crypto';
import { azureDevOpsSampleSeed, azureDevOpsUserId } from '../../../hosts/azure-devops/emulator';

/**
 * The sandbox's stand-in for Azure DevOps issuing the hub's app token (`SDK.getAppToken()`): a
 * JWT signed HS256 with the extension's certificate, which here is a sandbox-only secret shared
 * with the sandbox's Azure DevOps nodes. Real Azure DevOps signs with the Marketplace certificate.
 */
export const sandboxExtensionSecret = 'sandbox-only-extension-certificate';

/**
 * Azure DevOps names the user by their id (a GUID), and the node lets in only the organization's
 * Project Collection Administrators: the sandbox's admin is the emulated organization's owner.
 */
const sandboxUserIds: Readonly<Record<string, string>> = { 'sandbox-admin': azureDevOpsUserId(azureDevOpsSampleSeed.account.email) };

export interface AppTokenSubject {
  readonly userId: string;
  readonly organization: string;
}

export function issueSandboxAppToken(subject: AppTokenSubject, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'HS256' });
  const claims = encode({
    nameid: sandboxUserIds[subject.userId] ?? subject.userId,
    tid: subject.organization,
    jti: randomUUID(),
    iss: 'app.vstoken.visualstudio.com',
    aud: 'app.vstoken.visualstudio.com',
    nbf: seconds,
    exp: seconds + 300,
  });
  const signature = createHmac('sha256', sandboxExtensionSecret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

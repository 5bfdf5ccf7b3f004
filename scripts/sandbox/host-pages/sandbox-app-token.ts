import { createHmac, randomUUID } from 'node:crypto';

/**
 * The sandbox's stand-in for Azure DevOps issuing the hub's app token (`SDK.getAppToken()`): a
 * JWT signed HS256 with the extension's certificate, which here is a sandbox-only secret shared
 * with the sandbox's Azure DevOps nodes. Real Azure DevOps signs with the Marketplace certificate.
 */
export const sandboxExtensionSecret = 'sandbox-only-extension-certificate';

export interface AppTokenSubject {
  readonly userId: string;
  readonly organization: string;
}

export function issueSandboxAppToken(subject: AppTokenSubject, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: 'HS256' });
  const claims = encode({
    nameid: subject.userId,
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

import { useCallback, useState } from 'react';
import { forgetAdminToken, readStoredAdminToken, storeAdminToken } from './admin-token-storage';
import type { ConsoleConfiguration } from './console-configuration';
import { ConsoleShell } from './console-shell';
import { takeSessionFromAddress } from './session-from-address';
import { SignInScreen, tokenRefusedMessage } from './sign-in-screen';

/**
 * Signed in or not. The sandbox hands the page its token; a self-hosted node does not, so the
 * admin signs in first, and a token the node later refuses (401) sends the admin back here.
 */
export function ConsoleRoot({ configuration }: { readonly configuration: ConsoleConfiguration }) {
  // A session from Jira's entry comes first: it is who the admin just proved to be.
  const [adminToken, setAdminToken] = useState<string | null>(() => takeSessionFromAddress() ?? configuration.adminToken ?? readStoredAdminToken());
  const [message, setMessage] = useState<string | null>(null);
  const signedInByHand = configuration.adminToken === null;

  const signOut = useCallback((reason: string | null) => {
    forgetAdminToken();
    setAdminToken(null);
    setMessage(reason);
  }, []);
  const onUnauthorized = useCallback(() => signOut(tokenRefusedMessage), [signOut]);

  if (adminToken === null) {
    return (
      <SignInScreen
        configuration={configuration}
        message={message}
        onSignedIn={(token) => {
          storeAdminToken(token);
          setMessage(null);
          setAdminToken(token);
        }}
      />
    );
  }
  return (
    <ConsoleShell
      key={adminToken}
      configuration={configuration}
      adminToken={adminToken}
      onUnauthorized={onUnauthorized}
      onSignOut={signedInByHand ? () => signOut(null) : undefined}
    />
  );
}

import { StrictMode, useCallback, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { useItemSurface } from '../../console-kit/use-item-surface';
import { createAdminClient } from './admin-client';
import { forgetAdminToken, readStoredAdminToken, storeAdminToken } from './admin-token-storage';
import { JiraServerItemPanel } from './jira-server-item-panel';
import { JiraServerItemSignIn, sessionExpiredMessage } from './jira-server-item-sign-in';

declare global {
  interface Window {
    /** Written into the page by hosts/node/jira-server-entry/item-surface-routes.ts. */
    exalateItemSurface?: unknown;
  }
}

const configurationSchema = z.object({
  issueKey: z.string().min(1),
  adminApi: z.string().min(1),
  entryUrl: z.string().min(1).nullable(),
});
type ItemSurfaceConfiguration = z.infer<typeof configurationSchema>;

/**
 * The browser entry of the Jira DC issue panel's page (bundled by item-surface-routes.ts and
 * scripts/build.ts): without a session the sign-in through Jira, with one the issue's surface. A
 * session the node stops accepting (its eight hours are up) brings the sign-in back.
 */
function JiraServerItemRoot({ configuration }: { readonly configuration: ItemSurfaceConfiguration }) {
  const [session, setSession] = useState<string | null>(readStoredAdminToken);
  const [message, setMessage] = useState<string | null>(null);
  const signOut = useCallback((reason: string | null) => {
    forgetAdminToken();
    setSession(null);
    setMessage(reason);
  }, []);
  const onSession = useCallback((token: string) => {
    storeAdminToken(token);
    setMessage(null);
    setSession(token);
  }, []);
  if (session === null)
    return <JiraServerItemSignIn issueKey={configuration.issueKey} entryUrl={configuration.entryUrl} message={message} onSession={onSession} />;
  return <SignedInSurface key={session} configuration={configuration} session={session} onSignOut={signOut} />;
}

function SignedInSurface({
  configuration,
  session,
  onSignOut,
}: {
  readonly configuration: ItemSurfaceConfiguration;
  readonly session: string;
  readonly onSignOut: (reason: string | null) => void;
}) {
  const client = useMemo(
    () => createAdminClient({ adminApi: configuration.adminApi, adminToken: session, onUnauthorized: () => onSignOut(sessionExpiredMessage) }),
    [configuration.adminApi, session, onSignOut],
  );
  const surface = useItemSurface(client, configuration.issueKey, 'jira-server');
  return <JiraServerItemPanel surface={surface} onSignOut={() => onSignOut(null)} />;
}

const container = document.getElementById('root');
if (container) {
  const configuration = configurationSchema.safeParse(window.exalateItemSurface);
  if (configuration.success) {
    createRoot(container).render(
      <StrictMode>
        <JiraServerItemRoot configuration={configuration.data} />
      </StrictMode>,
    );
  } else {
    container.textContent =
      'This page does not describe a Jira issue (window.exalateItemSurface is missing or malformed). Open Exalate from the issue in Jira.';
  }
}

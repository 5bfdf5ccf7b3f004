import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { pageOf, type ConsolePage } from '../../console-kit/console-words';
import { forgeTransport } from './forge-transport';
import { JiraConsole } from './jira-console';

/**
 * The Custom UI entry. Which page shows comes from Forge's history (the admin page's sub-page
 * routes: /connections, /triggers, …); the Configure button's module opens General settings.
 * Jira's theme (light or dark) reaches the page through `view.theme.enable()`.
 */
function ForgeConsole() {
  const [page, setPage] = useState<ConsolePage | null>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    void (async () => {
      const context = await view.getContext();
      if (context.moduleKey === 'exalate-configure') {
        setPage('general-settings');
        return;
      }
      const history = await view.createHistory();
      setPage(pageOf(history.location.pathname));
      stop = history.listen((location) => setPage(pageOf(location.pathname)));
    })();
    return () => stop?.();
  }, []);
  return page === null ? null : <JiraConsole transport={forgeTransport} page={page} />;
}

void view.theme.enable().catch(() => setGlobalTheme({ colorMode: 'light' }));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ForgeConsole />
    </StrictMode>,
  );
}

import '@atlaskit/css-reset';
import { events, view } from '@forge/bridge';
import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { Box } from '@atlaskit/primitives';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createConsoleClient } from '../../console-kit/operation-client';
import { useItemSurface } from '../../console-kit/use-item-surface';
import { ExalateIssueDialog } from './exalate-issue-dialog';
import { forgeTransport } from './forge-transport';
import { ItemPanel } from './item-panel';

/** Sent by the action when it changed the issue's sync, so that the panel (another module, another iframe) shows it at once. */
const itemChangedEvent = 'exalate:item-changed';

type Opened = { readonly module: 'panel' | 'action'; readonly issueKey: string } | { readonly module: 'none'; readonly reason: string };

/**
 * The Custom UI of the issue panel and the issue action: which one shows comes from the module
 * Forge opened (`view.getContext()`: `moduleKey`, and the issue in `extension.issue.key`).
 */
function ForgeItemSurface() {
  const [opened, setOpened] = useState<Opened | null>(null);
  useEffect(() => {
    void view.getContext().then((context) => {
      const issueKey = (context.extension as { issue?: { key?: unknown } } | undefined)?.issue?.key;
      if (typeof issueKey !== 'string') setOpened({ module: 'none', reason: 'Open Exalate from an issue.' });
      else setOpened({ module: context.moduleKey === 'exalate-issue-action' ? 'action' : 'panel', issueKey });
    });
  }, []);
  if (opened === null) return null;
  if (opened.module === 'none') return <p>{opened.reason}</p>;
  return <OpenedOn module={opened.module} issueKey={opened.issueKey} />;
}

function OpenedOn({ module, issueKey }: { readonly module: 'panel' | 'action'; readonly issueKey: string }) {
  const client = useMemo(() => createConsoleClient(forgeTransport), []);
  const surface = useItemSurface(client, issueKey, 'jira-cloud');
  useEffect(() => {
    if (module !== 'panel') return undefined;
    const subscription = events.on(itemChangedEvent, () => surface.refresh());
    return () => void subscription.then((handle) => handle.unsubscribe());
  }, [module, surface.refresh]);
  if (module === 'panel') {
    return (
      <Box padding="space.150">
        <ItemPanel surface={surface} />
      </Box>
    );
  }
  return (
    <Box padding="space.300">
      <ExalateIssueDialog
        surface={surface}
        onDone={() => void events.emit(itemChangedEvent, { issueKey }).finally(() => void view.close())}
        onCancel={() => void view.close()}
      />
    </Box>
  );
}

void view.theme.enable().catch(() => setGlobalTheme({ colorMode: 'light' }));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ForgeItemSurface />
    </StrictMode>,
  );
}

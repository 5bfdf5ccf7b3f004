import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ItemTwinAnswer } from '../../console-kit/item-surface-answers';
import { formatSyncedAt, itemSurfaceWords } from '../../console-kit/item-surface-words';
import type { ItemSurface } from '../../console-kit/use-item-surface';
import { NoticeBanner } from './notice-banner';
import { settlingKeyOf, useSettlingRefresh } from '../../console-kit/use-settling-refresh';

const words = itemSurfaceWords('jira-cloud');
const appearances = { queued: 'default', in_progress: 'inprogress', synchronized: 'success', error: 'removed' } as const;
/** While a twin is on its way, the panel looks again this often, so Synchronized shows without a reload. */

const twinStyles = xcss({ borderBlockEnd: '1px solid', borderColor: 'color.border', paddingBlock: 'space.100' });
const replicaStyles = { margin: 0, maxHeight: 420, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' } as const;

/**
 * The "Exalate" issue panel (jira:issueContext): the twins across connections, each with
 * its remote key as a link, its status in Jira's lozenge colours, when it last synced and the
 * actions Sync now, Retry (on an error), Show local / remote replica and Unexalate.
 */
export function ItemPanel({ surface }: { readonly surface: ItemSurface }) {
  const { view } = surface;
  useSettlingRefresh(view.status === 'loaded' ? settlingKeyOf(view.value.twins) : null, surface.refresh);

  return (
    <Stack space="space.150">
      <NoticeBanner notice={surface.notice} />
      {view.status === 'loading' ? (
        <Inline space="space.100" alignBlock="center">
          <Spinner size="small" label={words.loading} />
          <span>{words.loading}</span>
        </Inline>
      ) : view.status === 'failed' ? (
        <SectionMessage appearance="error">{view.message}</SectionMessage>
      ) : view.value.twins.length === 0 ? (
        <p>{words.noTwins}</p>
      ) : (
        <ul aria-label={words.twinsLabel} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {view.value.twins.map((twin) => (
            <li key={twin.connectionId}>
              <TwinRow surface={surface} twin={twin} />
            </li>
          ))}
        </ul>
      )}
      <Inline>
        <Button appearance="subtle" onClick={surface.refresh}>
          {words.refresh}
        </Button>
      </Inline>
      <ModalTransition>
        {surface.replica === null ? null : (
          <ModalDialog onClose={surface.closeReplica} width="large">
            <ModalHeader>
              <ModalTitle>{words.replicaTitle(surface.replica.side, surface.replica.connectionName)}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              {surface.replica.text === null ? <p>{words.replicaEmpty(surface.replica.side)}</p> : <pre style={replicaStyles}>{surface.replica.text}</pre>}
            </ModalBody>
            <ModalFooter>
              <Button appearance="primary" onClick={surface.closeReplica} autoFocus>
                {words.close}
              </Button>
            </ModalFooter>
          </ModalDialog>
        )}
      </ModalTransition>
    </Stack>
  );
}

function TwinRow({ surface, twin }: { readonly surface: ItemSurface; readonly twin: ItemTwinAnswer }) {
  const busy = surface.busy?.connectionId === twin.connectionId ? surface.busy.action : null;
  const label = (text: string) => `${text}: ${twin.connectionName}`;
  return (
    <Box xcss={twinStyles}>
      <Stack space="space.075">
        <Heading size="xsmall" as="h3">
          {twin.connectionName}
        </Heading>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <span>{words.columns.remoteKey}:</span>
          {twin.remoteKey === null ? (
            <span>{words.remoteKeyPending}</span>
          ) : twin.remoteUrl === null ? (
            <strong>{twin.remoteKey}</strong>
          ) : (
            <Link href={twin.remoteUrl} target="_blank">
              {twin.remoteKey}
            </Link>
          )}
          <Lozenge appearance={appearances[twin.status]}>{words.status[twin.status]}</Lozenge>
        </Inline>
        <span>
          {words.columns.lastSynced}: <time dateTime={twin.lastSyncedAt ?? undefined}>{formatSyncedAt(twin.lastSyncedAt, words)}</time>
        </span>
        {twin.error === null ? null : <SectionMessage appearance="error">{twin.error.message}</SectionMessage>}
        <Inline space="space.075" shouldWrap>
          {twin.error === null ? null : (
            <Button aria-label={label(words.retry)} isLoading={busy === 'retry'} onClick={() => void surface.retry(twin)}>
              {words.retry}
            </Button>
          )}
          <Button aria-label={label(words.syncNow)} isLoading={busy === 'sync'} onClick={() => void surface.syncNow(twin)}>
            {words.syncNow}
          </Button>
          <Button aria-label={label(words.showLocalReplica)} onClick={() => void surface.showReplica(twin, 'local')}>
            {words.showLocalReplica}
          </Button>
          <Button aria-label={label(words.showRemoteReplica)} onClick={() => void surface.showReplica(twin, 'remote')}>
            {words.showRemoteReplica}
          </Button>
          <Button aria-label={label(words.unexalate)} appearance="warning" isLoading={busy === 'unexalate'} onClick={() => void surface.unexalate(twin)}>
            {words.unexalate}
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}

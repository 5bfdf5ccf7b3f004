import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { useCallback, useState } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useAnswer } from '../../console-kit/use-answer';
import { NoticeBanner, type Notice } from './notice-banner';
import { PageFrame } from './page-frame';

/** Unresolved errors, scoped to an issue, a connection or the app, each with Retry. */
export function ErrorsPage({ client }: { readonly client: ConsoleClient }) {
  const errors = useAnswer(useCallback(() => client.listErrors(), [client]));
  const [notice, setNotice] = useState<Notice>(null);
  const retry = async (errorId: string) => {
    const answer = await client.retryError(errorId);
    setNotice(answer.ok ? { kind: 'success', text: 'Retrying now: what the error held back is tried again.' } : { kind: 'error', text: answer.error.message });
    errors.reload();
  };
  const rows =
    errors.view.status === 'loaded'
      ? errors.view.value.map((error) => ({
          key: error.id,
          cells: [
            {
              key: 'scope',
              content: (
                <Lozenge appearance={error.scope === 'node' ? 'removed' : 'moved'}>
                  {error.scope === 'item' ? 'Issue' : error.scope === 'connection' ? 'Connection' : 'App'}
                </Lozenge>
              ),
            },
            { key: 'item', content: error.itemKey ?? '—' },
            { key: 'message', content: error.line === null ? error.message : `${error.message} (line ${error.line})` },
            { key: 'occurrences', content: String(error.occurrences) },
            { key: 'updated', content: new Date(error.updatedAt).toLocaleString() },
            {
              key: 'actions',
              content: (
                <Button spacing="compact" onClick={() => void retry(error.id)}>
                  Retry
                </Button>
              ),
            },
          ],
        }))
      : [];
  return (
    <PageFrame title="Errors" actions={<Button onClick={errors.reload}>Refresh</Button>}>
      <NoticeBanner notice={notice} />
      {errors.view.status === 'failed' ? <SectionMessage appearance="error">{errors.view.message}</SectionMessage> : null}
      <DynamicTable
        label="Unresolved errors"
        head={{ cells: ['Scope', 'Issue', 'Message', 'Times', 'Last seen', 'Actions'].map((title) => ({ key: title, content: title })) }}
        rows={rows}
        isLoading={errors.view.status === 'loading'}
        emptyView={<p>No errors: everything syncs.</p>}
      />
    </PageFrame>
  );
}

import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';

export type HubNotice = { readonly kind: 'success' | 'error'; readonly text: string } | null;

/** The outcome of the last action; errors are announced at once. */
export function NoticeCard({ notice, onDismiss }: { readonly notice: HubNotice; readonly onDismiss: () => void }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice === null ? null : (
        <div role={notice.kind === 'error' ? 'alert' : 'status'} className="margin-bottom-16">
          <MessageCard severity={notice.kind === 'error' ? MessageCardSeverity.Error : MessageCardSeverity.Info} onDismiss={onDismiss}>
            {notice.text}
          </MessageCard>
        </div>
      )}
    </div>
  );
}

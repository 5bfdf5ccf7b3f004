import SectionMessage from '@atlaskit/section-message';

export type Notice = { readonly kind: 'success' | 'error'; readonly text: string } | null;

/** The outcome of the last action, announced politely (success) or at once (error). */
export function NoticeBanner({ notice }: { readonly notice: Notice }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice === null ? null : (
        <div role={notice.kind === 'error' ? 'alert' : 'status'}>
          <SectionMessage appearance={notice.kind === 'error' ? 'error' : 'success'}>{notice.text}</SectionMessage>
        </div>
      )}
    </div>
  );
}

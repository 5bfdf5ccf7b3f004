import type { PreviewRow } from '../../console-kit/browser-core';

/** Who invites, from which tracker, in which mode, under which name: the rows core wrote. */
export function InvitationPreview({ rows, blockedReason }: { readonly rows: readonly PreviewRow[]; readonly blockedReason: string | null }) {
  return (
    <>
      <dl className="summary">
        {rows.map((row) => (
          <div className="summary-row" key={row.label}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {blockedReason === null ? null : <p className="message message-warning">{blockedReason}</p>}
    </>
  );
}

import { trackerDisplayNames, type TrackerKind } from '../../console-kit/browser-core';

export interface ConsoleHeaderProps {
  readonly title: string;
  readonly tracker: TrackerKind;
  /** Offered only when the admin signed in with a token (a self-hosted node). */
  readonly onSignOut?: (() => void) | undefined;
}

/** The Exalate mark: two arrows passing each other, the product's one idea. */
function ExalateMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="5" fill="currentColor" />
      <path d="M6 9h10.5l-2.5-2.5M18 15H7.5l2.5 2.5" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function ConsoleHeader({ title, tracker, onSignOut }: ConsoleHeaderProps) {
  const trackerName = trackerDisplayNames[tracker];
  return (
    <header className="console-header">
      <div className="brand">
        <ExalateMark />
        <h1 className="brand-name">Exalate</h1>
      </div>
      <div className="instance">
        <span className="instance-title">{title}</span>
        {title === trackerName ? null : <span className="tracker-badge">{trackerName}</span>}
      </div>
      {onSignOut === undefined ? null : (
        <button type="button" className="button button-subtle button-small" onClick={onSignOut}>
          Sign out
        </button>
      )}
    </header>
  );
}

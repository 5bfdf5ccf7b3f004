import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

export interface ModalDialogProps {
  readonly title: string;
  /** `alertdialog` for a confirmation that interrupts (Delete). */
  readonly role?: 'dialog' | 'alertdialog';
  /** Escape and the close button: the dialog's own Cancel. */
  readonly onDismiss: () => void;
  /** Accessible name of the close (×) button; the same word as the dialog's Cancel. */
  readonly closeLabel: string;
  readonly busy?: boolean;
  readonly describedBy?: string;
  readonly className?: string;
  readonly children: ReactNode;
}

/**
 * A modal dialog as WAI-ARIA describes it: `role="dialog"` with `aria-modal`, named by its title;
 * focus moves in on open (unless the content already placed it), Tab and Shift+Tab stay inside,
 * Escape dismisses, everything behind is inert, and focus returns to the control that opened it.
 */
export function ModalDialog(props: ModalDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const dismiss = useRef(props.onDismiss);
  dismiss.current = props.onDismiss;
  // Read while rendering, before any effect (the content's included) moves focus into the dialog.
  const [opener] = useState(() => (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const element = dialog.current;
    if (!element) return undefined;
    // Children's effects run first; a step that focused its first field keeps that focus.
    if (!element.contains(document.activeElement)) element.focus();
    const madeInert = makeOthersInert(element);
    return () => {
      for (const other of madeInert) other.removeAttribute('inert');
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      dismiss.current();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = Array.from(dialog.current.querySelectorAll<HTMLElement>(focusableSelector)).filter(
      (candidate) => candidate.offsetParent !== null || candidate === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={props.describedBy}
        aria-busy={props.busy ? 'true' : undefined}
        tabIndex={-1}
        className={`modal${props.className ? ` ${props.className}` : ''}`}
        onKeyDown={onKeyDown}
      >
        <header className="modal-header">
          <h2 id={titleId} className="modal-title">
            {props.title}
          </h2>
          <button type="button" className="modal-close" aria-label={props.closeLabel} title={props.closeLabel} onClick={() => dismiss.current()}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            </svg>
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}

/**
 * Everything outside the dialog, sibling by sibling up to <body>, becomes inert: not clickable,
 * not focusable, hidden from assistive technology. Returns what it changed, to undo exactly that.
 */
function makeOthersInert(element: HTMLElement): HTMLElement[] {
  const changed: HTMLElement[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    const parent: HTMLElement | null = node.parentElement;
    if (!parent) break;
    for (const sibling of Array.from(parent.children)) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.hasAttribute('inert') || sibling.tagName === 'SCRIPT') continue;
      sibling.setAttribute('inert', '');
      changed.push(sibling);
    }
  }
  return changed;
}

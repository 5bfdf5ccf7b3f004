import { useId, type KeyboardEvent, type ReactNode } from 'react';

export interface ConsoleTab {
  readonly id: string;
  readonly label: string;
  readonly render: () => ReactNode;
}

export interface ConsoleTabsProps {
  readonly tabs: readonly ConsoleTab[];
  readonly selected: string;
  readonly onSelect: (id: string) => void;
  readonly label: string;
}

/**
 * Tabs as WAI-ARIA's tabs pattern: one tab stop for the list, arrows, Home and End move between
 * tabs and select them, Tab goes on into the panel.
 */
export function ConsoleTabs({ tabs, selected, onSelect, label }: ConsoleTabsProps) {
  const prefix = useId();
  const index = Math.max(
    0,
    tabs.findIndex((tab) => tab.id === selected),
  );
  const current = tabs[index];

  const move = (to: number) => {
    const tab = tabs[(to + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    document.getElementById(`${prefix}-tab-${tab.id}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const targets: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    move(target);
  };

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === current?.id;
          return (
            <button
              key={tab.id}
              id={`${prefix}-tab-${tab.id}`}
              type="button"
              role="tab"
              className={`tab${isSelected ? ' is-selected' : ''}`}
              aria-selected={isSelected}
              aria-controls={`${prefix}-panel-${tab.id}`}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {current === undefined ? null : (
        <div className="tab-panel" role="tabpanel" id={`${prefix}-panel-${current.id}`} aria-labelledby={`${prefix}-tab-${current.id}`}>
          {current.render()}
        </div>
      )}
    </>
  );
}

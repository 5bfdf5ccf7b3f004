import { useId } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { startSyncWords, useStartSync, useStartSyncFields } from '../../console-kit/use-start-sync';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { TrackerKind } from '../../console-kit/browser-core';
import { ModalDialog } from './modal-dialog';
import { NoticeBanner } from './notice-banner';
import { trackerWords } from '../../console-kit/tracker-words';

export interface StartSyncDialogProps {
  readonly client: ConsoleClient;
  readonly connection: ConsoleConnection;
  readonly tracker: TrackerKind;
  readonly onClose: () => void;
}

/** Start synchronization of an Active connection: add a trigger, bulk sync, or sync one item, right from its row. */
export function StartSyncDialog({ client, connection, tracker, onClose }: StartSyncDialogProps) {
  const id = useId();
  const words = trackerWords[tracker];
  const text = startSyncWords(words);
  const sync = useStartSync(client, connection, tracker);
  const { query, setQuery, itemKey, setItemKey, submitTrigger, submitItem } = useStartSyncFields(sync);
  return (
    <ModalDialog
      title={text.title(connection)}
      closeLabel={text.close}
      busy={sync.busy !== null}
      onDismiss={onClose}
      className="start-sync-dialog"
      describedBy={`${id}-intro`}
    >
      <div className="modal-body">
        <p id={`${id}-intro`} className="muted">
          {text.intro}
        </p>
        <NoticeBanner notice={sync.notice} onDismiss={sync.dismissNotice} />
        <form className="start-sync-way" aria-labelledby={`${id}-trigger`} onSubmit={submitTrigger}>
          <h3 id={`${id}-trigger`} className="form-card-title">
            {text.trigger.heading}
          </h3>
          <p className="field-help">{text.trigger.help}</p>
          <div className="trigger-form">
            <div className="field trigger-query">
              <label htmlFor={`${id}-query`} className="field-label">
                {words.queryLabel}
              </label>
              <input
                id={`${id}-query`}
                className="input code-input"
                value={query}
                placeholder={words.queryExample}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
            <button type="submit" className="button button-primary" disabled={sync.busy !== null || query.trim() === ''}>
              {text.trigger.button}
            </button>
          </div>
        </form>
        <div className="start-sync-way" role="group" aria-labelledby={`${id}-bulk`}>
          <h3 id={`${id}-bulk`} className="form-card-title">
            {text.bulk.heading}
          </h3>
          <div className="trigger-form">
            <p className="field-help trigger-query">{text.bulk.help}</p>
            <button type="button" className="button button-default" disabled={sync.busy !== null} onClick={() => void sync.bulkSync()}>
              {text.bulk.button}
            </button>
          </div>
        </div>
        <form className="start-sync-way" aria-labelledby={`${id}-item`} onSubmit={submitItem}>
          <h3 id={`${id}-item`} className="form-card-title">
            {text.item.heading}
          </h3>
          <p className="field-help">{text.item.help}</p>
          <div className="trigger-form">
            <div className="field trigger-query">
              <label htmlFor={`${id}-key`} className="field-label">
                {words.itemKeyLabel}
              </label>
              <input
                id={`${id}-key`}
                className="input"
                value={itemKey}
                placeholder={words.itemKeyExample}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setItemKey(event.target.value)}
              />
            </div>
            <button type="submit" className="button button-default" disabled={sync.busy !== null || itemKey.trim() === ''}>
              {text.item.button}
            </button>
          </div>
        </form>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-default" onClick={onClose}>
          {text.close}
        </button>
      </footer>
    </ModalDialog>
  );
}

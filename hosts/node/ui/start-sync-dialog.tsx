import type { TrackerKind } from '../../console-kit/browser-core';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { useStartSyncWays, type StartSyncFieldWay, type StartSyncWay } from '../../console-kit/use-start-sync';
import { ModalDialog } from './modal-dialog';
import { NoticeBanner } from './notice-banner';
import { TextField } from './text-field';

export interface StartSyncDialogProps extends ConnectionDialogProps {
  readonly tracker: TrackerKind;
}

/** Start synchronization of an Active connection: add a trigger, bulk sync, or sync one item, right from its row. */
export function StartSyncDialog({ client, connection, tracker, onClose }: StartSyncDialogProps) {
  const { id, text, sync, trigger, bulk, item } = useStartSyncWays(client, connection, tracker);
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
        <FieldWay way={trigger} />
        <div className="start-sync-way" role="group" aria-labelledby={bulk.headingId}>
          <WayHeading way={bulk} />
          <div className="trigger-form">
            <p className="field-help trigger-query">{bulk.help}</p>
            <button type="button" className="button button-default" disabled={sync.busy !== null} onClick={() => void bulk.run()}>
              {bulk.button}
            </button>
          </div>
        </div>
        <FieldWay way={item} />
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-default" onClick={onClose}>
          {text.close}
        </button>
      </footer>
    </ModalDialog>
  );
}

function FieldWay({ way }: { readonly way: StartSyncFieldWay }) {
  return (
    <form className="start-sync-way" aria-labelledby={way.headingId} onSubmit={way.submit}>
      <WayHeading way={way} />
      <p className="field-help">{way.help}</p>
      <div className="trigger-form">
        <TextField
          id={way.fieldId}
          label={way.label}
          value={way.value}
          placeholder={way.example}
          code={way.isQuery}
          fieldClassName="trigger-query"
          onChange={way.setValue}
        />
        <button type="submit" className={`button ${way.isQuery ? 'button-primary' : 'button-default'}`} disabled={way.disabled}>
          {way.button}
        </button>
      </div>
    </form>
  );
}

function WayHeading({ way }: { readonly way: StartSyncWay }) {
  return (
    <h3 id={way.headingId} className="form-card-title">
      {way.heading}
    </h3>
  );
}

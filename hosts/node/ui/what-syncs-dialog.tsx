import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { whatSyncsView } from '../../console-kit/what-syncs';
import { ModalDialog } from './modal-dialog';

export interface WhatSyncsDialogProps {
  readonly connection: ConsoleConnection;
  readonly onClose: () => void;
}

/** A Basic connection's fixed set, read-only, where a Script connection opens its scripts. */
export function WhatSyncsDialog({ connection, onClose }: WhatSyncsDialogProps) {
  const view = whatSyncsView(connection);
  return (
    <ModalDialog title={view.title} closeLabel={view.close} onDismiss={onClose} className="what-syncs-dialog">
      <div className="modal-body">
        <p className="what-syncs-intro">{view.intro}</p>
        <dl className="what-syncs-fields">
          {view.fields.map((field) => (
            <div key={field.name} className="what-syncs-field">
              <dt>{field.label}</dt>
              <dd className="muted">{field.detail}</dd>
            </div>
          ))}
        </dl>
        <p className="field-help">{view.modeIsFixed}</p>
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-primary" onClick={onClose}>
          {view.close}
        </button>
      </footer>
    </ModalDialog>
  );
}

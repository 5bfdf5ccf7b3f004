import { Button } from 'azure-devops-ui/Button';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { ReactNode } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { useStartSyncWays, type StartSyncFieldWay, type StartSyncWay } from '../../console-kit/use-start-sync';
import { NoticeCard } from './notice-card';

/** Start synchronization of an Active connection, from its row: add a trigger (WIQL), bulk sync, or sync one work item. */
export function StartSyncPanel({ client, connection, onClose }: ConnectionDialogProps) {
  const { text, sync, trigger, bulk, item } = useStartSyncWays(client, connection, 'azure-devops');
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: text.title(connection) }}
      description={text.intro}
      size={ContentSize.Medium}
      footerButtonProps={[{ text: text.close, onClick: onClose }]}
    >
      <div className="exalate-wizard flex-column rhythm-vertical-16">
        <NoticeCard notice={sync.notice} onDismiss={sync.dismissNotice} />
        <FieldWay way={trigger} />
        <Way way={bulk}>
          <div className="flex-row">
            <Button text={bulk.button} disabled={sync.busy !== null} onClick={() => void bulk.run()} />
          </div>
        </Way>
        <FieldWay way={item} />
      </div>
    </Panel>
  );
}

/**
 * azure-devops-ui's Button answers Enter and Space itself and stops the event, so a form's submit
 * never fires: the button runs its action on click, which those keys also give.
 */
function FieldWay({ way }: { readonly way: StartSyncFieldWay }) {
  return (
    <Way way={way}>
      <div className="flex-row flex-end rhythm-horizontal-8">
        <FormItem label={way.label} className="flex-grow">
          <TextField
            ariaLabel={way.label}
            value={way.value}
            placeholder={way.example}
            width={TextFieldWidth.auto}
            onChange={(_event, value) => way.setValue(value)}
          />
        </FormItem>
        <Button text={way.button} primary={way.isQuery} disabled={way.disabled} onClick={() => void way.run()} />
      </div>
    </Way>
  );
}

function Way({ way, children }: { readonly way: StartSyncWay; readonly children: ReactNode }) {
  return (
    <section className="flex-column rhythm-vertical-8" aria-labelledby={way.headingId}>
      <h3 id={way.headingId} className="title-xs">
        {way.heading}
      </h3>
      <p className="secondary-text exalate-notice">{way.help}</p>
      {children}
    </section>
  );
}

import { Button } from 'azure-devops-ui/Button';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { useId, type ReactNode } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { trackerWords } from '../../console-kit/tracker-words';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { startSyncWords, useStartSync, useStartSyncFields } from '../../console-kit/use-start-sync';
import { NoticeCard } from './notice-card';

/** Start synchronization of an Active connection, from its row: add a trigger (WIQL), bulk sync, or sync one work item. */
export function StartSyncPanel({
  client,
  connection,
  onDismiss,
}: {
  readonly client: ConsoleClient;
  readonly connection: ConsoleConnection;
  readonly onDismiss: () => void;
}) {
  const id = useId();
  const words = trackerWords['azure-devops'];
  const text = startSyncWords(words);
  const sync = useStartSync(client, connection, 'azure-devops');
  // azure-devops-ui's Button answers Enter and Space itself and stops the event, so a form's submit
  // never fires: each button runs its action on click, which those keys also give.
  const { query, setQuery, itemKey, setItemKey, addTrigger, syncItem } = useStartSyncFields(sync);
  return (
    <Panel
      onDismiss={onDismiss}
      titleProps={{ text: text.title(connection) }}
      description={text.intro}
      size={ContentSize.Medium}
      footerButtonProps={[{ text: text.close, onClick: onDismiss }]}
    >
      <div className="exalate-wizard flex-column rhythm-vertical-16">
        <NoticeCard notice={sync.notice} onDismiss={sync.dismissNotice} />
        <Way headingId={`${id}-trigger`} heading={text.trigger.heading} help={text.trigger.help}>
          <div className="flex-row flex-end rhythm-horizontal-8">
            <FormItem label={words.queryLabel} className="flex-grow">
              <TextField
                ariaLabel={words.queryLabel}
                value={query}
                placeholder={words.queryExample}
                width={TextFieldWidth.auto}
                onChange={(_event, value) => setQuery(value)}
              />
            </FormItem>
            <Button text={text.trigger.button} primary disabled={sync.busy !== null || query.trim() === ''} onClick={() => void addTrigger()} />
          </div>
        </Way>
        <Way headingId={`${id}-bulk`} heading={text.bulk.heading} help={text.bulk.help}>
          <div className="flex-row">
            <Button text={text.bulk.button} disabled={sync.busy !== null} onClick={() => void sync.bulkSync()} />
          </div>
        </Way>
        <Way headingId={`${id}-item`} heading={text.item.heading} help={text.item.help}>
          <div className="flex-row flex-end rhythm-horizontal-8">
            <FormItem label={words.itemKeyLabel} className="flex-grow">
              <TextField
                ariaLabel={words.itemKeyLabel}
                value={itemKey}
                placeholder={words.itemKeyExample}
                width={TextFieldWidth.auto}
                onChange={(_event, value) => setItemKey(value)}
              />
            </FormItem>
            <Button text={text.item.button} disabled={sync.busy !== null || itemKey.trim() === ''} onClick={() => void syncItem()} />
          </div>
        </Way>
      </div>
    </Panel>
  );
}

function Way({
  headingId,
  heading,
  help,
  children,
}: {
  readonly headingId: string;
  readonly heading: string;
  readonly help: string;
  readonly children: ReactNode;
}) {
  return (
    <section className="flex-column rhythm-vertical-8" aria-labelledby={headingId}>
      <h3 id={headingId} className="title-xs">
        {heading}
      </h3>
      <p className="secondary-text exalate-notice">{help}</p>
      {children}
    </section>
  );
}

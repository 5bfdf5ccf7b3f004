import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useId } from 'react';
import { itemSurfaceWords } from '../../console-kit/item-surface-words';
import { useExalateChoice } from '../../console-kit/use-exalate-choice';
import type { ItemSurface } from '../../console-kit/use-item-surface';
import { NoticeBanner } from './notice-banner';

const words = itemSurfaceWords('jira-cloud');

/**
 * The "Exalate" issue action (jira:issueAction): "Exalate this issue" through one of the
 * connections whose scope the issue is in, or Connect it to an existing remote item by its key.
 * An issue no connection can take says why. `onDone` runs after a successful action.
 */
export function ExalateIssueDialog({
  surface,
  onDone,
  onCancel,
}: {
  readonly surface: ItemSurface;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const exalateId = useId();
  const connectConnectionId = useId();
  const remoteKeyId = useId();
  const choice = useExalateChoice(surface, onDone);
  const { options, chosen, setChosen, remoteKey, setRemoteKey, submit } = choice;
  const connections = choice.connections.map((connection) => ({ value: connection.connectionId, label: connection.connectionName }));
  const selected = connections.find((option) => option.value === chosen) ?? null;

  return (
    <Stack space="space.200">
      <Heading size="medium" as="h1">
        {words.dialogTitle}: {surface.itemKey}
      </Heading>
      <NoticeBanner notice={surface.notice} />
      {options === null || options.status === 'loading' ? (
        <Spinner size="small" label={words.loading} />
      ) : options.status === 'failed' ? (
        <SectionMessage appearance="error">{options.message}</SectionMessage>
      ) : options.value.reason !== null ? (
        <SectionMessage appearance="information" title={words.noConnections}>
          {options.value.reason}
        </SectionMessage>
      ) : (
        <>
          <form onSubmit={submit(() => surface.exalate(chosen))}>
            <Stack space="space.100">
              <Heading size="small" as="h2">
                {words.exalateHeading}
              </Heading>
              <p>{words.exalateHelp}</p>
              <Label htmlFor={exalateId}>{words.connectionLabel}</Label>
              <Select
                inputId={exalateId}
                aria-label={words.connectionLabel}
                options={connections}
                value={selected}
                onChange={(option) => setChosen(option?.value ?? '')}
              />
              <Inline>
                <Button type="submit" appearance="primary" isLoading={surface.busy?.action === 'exalate'}>
                  {words.exalateButton}
                </Button>
              </Inline>
            </Stack>
          </form>
          <form onSubmit={submit(() => surface.connect(chosen, remoteKey))}>
            <Stack space="space.100">
              <Heading size="small" as="h2">
                {words.connectHeading}
              </Heading>
              <p>{words.connectHelp}</p>
              <Label htmlFor={connectConnectionId}>{words.connectionLabel}</Label>
              <Select
                inputId={connectConnectionId}
                aria-label={`${words.connectionLabel} (${words.connectButton})`}
                options={connections}
                value={selected}
                onChange={(option) => setChosen(option?.value ?? '')}
              />
              <Label htmlFor={remoteKeyId}>{words.remoteKeyLabel}</Label>
              <Textfield id={remoteKeyId} name="remoteKey" value={remoteKey} onChange={(event) => setRemoteKey(event.currentTarget.value)} />
              <Inline>
                <Button type="submit" isLoading={surface.busy?.action === 'connect'}>
                  {words.connectButton}
                </Button>
              </Inline>
            </Stack>
          </form>
        </>
      )}
      <Inline>
        <Button appearance="subtle" onClick={onCancel}>
          {words.cancel}
        </Button>
      </Inline>
    </Stack>
  );
}

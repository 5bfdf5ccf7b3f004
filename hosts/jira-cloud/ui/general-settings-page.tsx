import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { InstanceAnswer } from '../../console-kit/admin-answers';
import { PageFrame } from './page-frame';

/** What this side is, and the Exalate URL an admin on the other side types as Destination Instance URL. */
export function GeneralSettingsPage({ instance }: { readonly instance: InstanceAnswer }) {
  const rows: readonly (readonly [string, string])[] = [
    ['Exalate URL', instance.nodeUrl ?? 'none (private)'],
    ['Tracker', `${instance.trackerName} ${instance.trackerVersion}`],
    ['Jira site', instance.instanceUrl],
    ['Node id', instance.nodeId],
    ['Modes', instance.modes.join(', ')],
  ];
  return (
    <PageFrame title="General settings">
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 24, rowGap: 10, margin: 0, padding: 0 }}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>
              <Text weight="medium" color="color.text.subtle">
                {label}
              </Text>
            </dt>
            <dd style={{ margin: 0, overflowWrap: 'anywhere' }}>{label === 'Exalate URL' ? <code>{value}</code> : value}</dd>
          </div>
        ))}
      </dl>
      <Stack space="space.100">
        <SectionMessage appearance="information" title="Connecting to another Exalate">
          Give the other side's admin the Exalate URL above as their Destination Instance URL, or initiate the connection here with theirs. This app can only
          call peers whose host its manifest allows (permissions.external.fetch.backend); ask whoever deploys the app to add a new peer's host.
        </SectionMessage>
      </Stack>
    </PageFrame>
  );
}

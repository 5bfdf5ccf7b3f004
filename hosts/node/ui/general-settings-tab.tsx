import { useCallback, useState } from 'react';
import type { InstanceAnswer } from '../../console-kit/admin-answers';
import { createAdminClient } from './admin-client';
import { wizardModeLabels } from '../../console-kit/browser-core';
import { pageAdminAccess } from './tracker-connection-client';
import { TrackerConnectionSection } from './tracker-connection-section';

const licenceNames: Readonly<Record<NonNullable<InstanceAnswer['licence']>, string>> = {
  trial: 'Evaluation (trial)',
  paid: 'Paid',
  expired: 'Expired',
  none: 'No licence (none needed)',
};

/** General settings: what this node is, as `GET /instance` reports it. */
export function GeneralSettingsTab({ instance: given }: { readonly instance: InstanceAnswer }) {
  // Read again after the tracker connection changes, so version, URL and licence follow it.
  const [instance, setInstance] = useState(given);
  const reloadInstance = useCallback(() => {
    const access = pageAdminAccess();
    if (access === undefined) return;
    void createAdminClient({ ...access, onUnauthorized: () => undefined })
      .describeInstance()
      .then((answer) => {
        if (answer.ok) setInstance(answer.value);
      });
  }, []);
  const rows: readonly { label: string; value: string; hint?: string }[] = [
    {
      label: 'Exalate node URL',
      value: instance.nodeUrl ?? 'private',
      hint:
        instance.nodeUrl === null
          ? 'This node is in a private network: it starts every request itself, so it accepts invitations and cannot initiate connections.'
          : 'The Destination Instance URL the other side enters to initiate a connection with this instance.',
    },
    { label: 'Tracker', value: instance.trackerName },
    { label: 'Tracker version', value: instance.trackerVersion },
    { label: 'Tracker URL', value: instance.instanceUrl },
    {
      label: 'Licence',
      value: instance.licence === null ? 'Not applicable' : licenceNames[instance.licence],
      ...(instance.licence === null
        ? { hint: `${instance.trackerName} does not license Exalate per instance.` }
        : instance.licenceCheck
          ? { hint: instance.licenceCheck }
          : {}),
    },
    { label: 'Connection modes', value: instance.modes.map((mode) => wizardModeLabels[mode]).join(', ') || 'none' },
    { label: 'Node id', value: instance.nodeId },
  ];
  return (
    <section className="panel-section" aria-labelledby="general-settings-heading">
      <div className="section-header">
        <h2 id="general-settings-heading" className="section-title">
          General settings
        </h2>
      </div>
      <dl className="settings-list">
        {rows.map((row) => (
          <div className="settings-row" key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              <span className={row.value === 'private' ? 'is-unknown' : 'settings-value'}>{row.value}</span>
              {row.hint === undefined ? null : <span className="cell-detail">{row.hint}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <TrackerConnectionSection tracker={instance.tracker} onChanged={reloadInstance} />
    </section>
  );
}

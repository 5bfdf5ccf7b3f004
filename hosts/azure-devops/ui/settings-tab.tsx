import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { useState } from 'react';
import type { InstanceAnswer } from '../../node/ui/admin-answers';
import { readNodeUrlInput } from './hub-host';
import { deployGuideUrl, nodeUrlExplained, scopeWord } from './hub-words';

/**
 * General settings: the organization's node URL (kept with the extension data service, for every
 * admin of the organization) and what that node says about itself.
 */
export function SettingsTab({ nodeUrl, instance, onSave, isServer }: { readonly nodeUrl: string | null; readonly instance: InstanceAnswer | null; readonly onSave: (nodeUrl: string) => Promise<string | null>; readonly isServer: boolean }) {
  const [draft, setDraft] = useState(nodeUrl ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const read = readNodeUrlInput(draft);
    if ('problem' in read) {
      setProblem(read.problem);
      return;
    }
    setSaving(true);
    setProblem(await onSave(read.url));
    setSaving(false);
  };
  return (
    <div className="flex-column rhythm-vertical-16">
      {nodeUrl === null ? (
        <MessageCard severity={MessageCardSeverity.Info}>
          <span>
            {nodeUrlExplained(isServer)}{' '}
            <a href={deployGuideUrl} target="_blank" rel="noopener noreferrer">
              How to deploy the node
            </a>
            {`. Every admin of the ${scopeWord(isServer)} then sees the same connections.`}
          </span>
        </MessageCard>
      ) : null}
      <Card titleProps={{ text: 'Exalate node' }}>
        <div className="flex-row flex-end rhythm-horizontal-16 exalate-settings-form">
          <FormItem label="Node URL" message={problem ?? 'The node checks the app token that Azure DevOps gives this page with every call.'} error={problem !== null} className="flex-grow">
            <TextField ariaLabel="Node URL" value={draft} placeholder="https://exalate.example.com" width={TextFieldWidth.auto} onChange={(_event, value) => setDraft(value)} />
          </FormItem>
          <Button text="Save" primary disabled={saving} onClick={() => void save()} />
        </div>
      </Card>
      {instance === null ? null : (
        <Card titleProps={{ text: 'This instance' }}>
          <dl className="exalate-summary">
            {[
              ['Exalate URL', instance.nodeUrl ?? 'none (private: this node starts every request itself)'],
              ['Tracker', `${instance.trackerName} ${instance.trackerVersion}`],
              ['Organization', instance.instanceUrl],
              ['Node id', instance.nodeId],
            ].map(([label, value]) => (
              <div key={label} className="exalate-summary-row">
                <dt className="secondary-text">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
    </div>
  );
}

import { Button } from 'azure-devops-ui/Button';
import { Card } from 'azure-devops-ui/Card';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { useState } from 'react';
import type { InstanceAnswer } from '../../console-kit/admin-answers';
import { readNodeUrlInput } from './hub-host';
import { deployGuideUrl, nodeUrlExplained, scopeWord } from './hub-words';

/**
 * General settings: the node URL (kept with the extension data service, each admin's own, see
 * chooseNodeUrl) and what that node says about itself.
 */
export function SettingsTab({
  nodeUrl,
  suggestion = null,
  instance,
  onSave,
  isServer,
  extensionId,
}: {
  readonly nodeUrl: string | null;
  readonly suggestion?: string | null;
  readonly instance: InstanceAnswer | null;
  readonly onSave: (nodeUrl: string) => Promise<string | null>;
  readonly isServer: boolean;
  readonly extensionId: string;
}) {
  const [draft, setDraft] = useState(nodeUrl ?? suggestion ?? '');
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
            <a href={deployGuideUrl(extensionId)} target="_blank" rel="noopener noreferrer">
              How to deploy the node
            </a>
            {`. Other admins of the ${scopeWord(isServer)} are offered the address you save and confirm it once.`}
          </span>
        </MessageCard>
      ) : null}
      {suggestion === null ? null : (
        <MessageCard severity={MessageCardSeverity.Warning}>
          {`Someone of this ${scopeWord(isServer)} saved ${suggestion} as the Exalate node. Any member of the ${scopeWord(isServer)} can change that copy, and this page sends your Azure DevOps app token to the node you save, so save it only if it is your ${scopeWord(isServer)}'s own Exalate node.`}
        </MessageCard>
      )}
      <Card titleProps={{ text: 'Exalate node' }}>
        <div className="flex-row flex-end rhythm-horizontal-16 exalate-settings-form">
          <FormItem
            label="Node URL"
            message={problem ?? 'The node checks the app token that Azure DevOps gives this page with every call.'}
            error={problem !== null}
            className="flex-grow"
          >
            <TextField
              ariaLabel="Node URL"
              value={draft}
              placeholder="https://exalate.example.com"
              width={TextFieldWidth.auto}
              onChange={(_event, value) => setDraft(value)}
            />
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

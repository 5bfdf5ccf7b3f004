import { ContentSize } from 'azure-devops-ui/Callout';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { whatSyncsView } from '../../console-kit/what-syncs';

/** A Basic connection's fixed set in Azure DevOps' side panel, read-only, where a Script connection opens its scripts. */
export function WhatSyncsPanel({ connection, onClose }: { readonly connection: ConsoleConnection; readonly onClose: () => void }) {
  const view = whatSyncsView(connection);
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: view.title }}
      description={view.intro}
      size={ContentSize.Medium}
      footerButtonProps={[{ text: view.close, primary: true, onClick: onClose }]}
    >
      <div className="flex-column rhythm-vertical-16">
        <dl className="exalate-summary">
          {view.fields.map((field) => (
            <div key={field.name} className="exalate-summary-row">
              <dt className="font-weight-semibold">{field.label}</dt>
              <dd className="secondary-text">{field.detail}</dd>
            </div>
          ))}
        </dl>
        <MessageCard severity={MessageCardSeverity.Info}>{view.modeIsFixed}</MessageCard>
      </div>
    </Panel>
  );
}

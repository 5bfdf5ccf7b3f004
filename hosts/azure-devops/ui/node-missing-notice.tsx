import { Button } from 'azure-devops-ui/Button';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import type { WorkItemNode } from './use-work-item-node';
import { nodeMissingWords } from './work-item-words';

/** While the node URL is read, or when this user has none: what the work item's surfaces show instead. */
export function NodeMissingNotice({
  node,
  isServer,
  onAdopt,
}: {
  readonly node: Exclude<WorkItemNode, { status: 'ready' }>;
  readonly isServer: boolean;
  readonly onAdopt: (url: string) => void;
}) {
  if (node.status === 'loading') return <Spinner size={SpinnerSize.medium} label={nodeMissingWords.loading} />;
  return (
    <div className="flex-column rhythm-vertical-8">
      {node.failure === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{nodeMissingWords.failure(node.failure)}</MessageCard>}
      <p className="exalate-notice">{nodeMissingWords.missing(isServer)}</p>
      {node.suggestion === null ? null : (
        <>
          <MessageCard severity={MessageCardSeverity.Warning}>{nodeMissingWords.suggestion(node.suggestion, isServer)}</MessageCard>
          <div className="flex-row">
            <Button text={nodeMissingWords.useSuggestion(node.suggestion)} onClick={() => node.suggestion !== null && onAdopt(node.suggestion)} />
          </div>
        </>
      )}
    </div>
  );
}

import { Status, Statuses, StatusSize, type IStatusProps } from 'azure-devops-ui/Status';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { statusWords } from '../../console-kit/console-words';

const indicators: Readonly<Record<ConsoleConnection['status'], IStatusProps>> = {
  pending: Statuses.Waiting,
  active: Statuses.Success,
  deactivated: Statuses.Skipped,
  error: Statuses.Failed,
  deleted: Statuses.Canceled,
};

/**
 * A connection's status as Azure DevOps shows states: its status icon and the word. The word is
 * what a screen reader reads; the icon stays decorative (azure-devops-ui's Status renders
 * role="presentation" without an ariaLabel), or "Active" would be announced twice.
 */
export function ConnectionStatus({ status }: { readonly status: ConsoleConnection['status'] }) {
  return (
    <span className="flex-row flex-center">
      <Status {...indicators[status]} size={StatusSize.m} className="margin-right-8" />
      {statusWords[status]}
    </span>
  );
}

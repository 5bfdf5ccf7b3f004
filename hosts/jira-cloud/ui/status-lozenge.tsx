import Lozenge from '@atlaskit/lozenge';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { statusWords } from '../../console-kit/console-words';

const appearances = { pending: 'inprogress', active: 'success', deactivated: 'default', error: 'removed', deleted: 'removed' } as const;

/** A connection's status in Jira's own status colours. */
export function StatusLozenge({ status }: { readonly status: ConsoleConnection['status'] }) {
  return <Lozenge appearance={appearances[status]}>{statusWords[status]}</Lozenge>;
}

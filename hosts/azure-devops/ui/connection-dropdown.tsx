import { Dropdown } from 'azure-devops-ui/Dropdown';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { useEffect, useMemo } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';

/** Triggers and Sync queue are per connection: this picks one (the first active one by default). */
export function ConnectionDropdown({
  connections,
  chosen,
  onChoose,
}: {
  readonly connections: readonly ConsoleConnection[] | null;
  readonly chosen: ConsoleConnection | null;
  readonly onChoose: (connection: ConsoleConnection) => void;
}) {
  const usable = (connections ?? []).filter((connection) => connection.status !== 'deleted');
  const selection = useMemo(() => new DropdownSelection(), []);
  useEffect(() => {
    const first = usable.find((connection) => connection.status === 'active') ?? usable[0];
    if (chosen === null && first) onChoose(first);
  }, [connections]);
  const index = usable.findIndex((connection) => connection.id === chosen?.id);
  if (index >= 0 && !selection.selected(index)) selection.select(index);
  if (connections !== null && usable.length === 0)
    return (
      <MessageCard severity={MessageCardSeverity.Info}>There is no connection yet. Initiate one, or accept an invitation, on the Connections tab.</MessageCard>
    );
  return (
    <FormItem label="Connection" className="margin-bottom-16">
      <Dropdown
        ariaLabel="Connection"
        width={360}
        selection={selection}
        items={usable.map((connection) => ({ id: connection.id, text: `${connection.name} (${connection.status})` }))}
        onSelect={(_event, item) => {
          const connection = usable.find((each) => each.id === item.id);
          if (connection) onChoose(connection);
        }}
      />
    </FormItem>
  );
}

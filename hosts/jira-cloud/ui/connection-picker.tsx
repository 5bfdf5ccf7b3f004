import { Label } from '@atlaskit/form';
import { Box } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useId } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { useConnections } from '../../console-kit/use-connections';
import type { ConsoleClient } from '../../console-kit/operation-client';

/** Triggers and Sync queue are per connection: this picks one (the first syncing one by default). */
export function ConnectionPicker({
  client,
  chosen,
  onChoose,
}: {
  readonly client: ConsoleClient;
  readonly chosen: ConsoleConnection | null;
  readonly onChoose: (connection: ConsoleConnection) => void;
}) {
  const id = useId();
  const { connections, failure } = useConnections(client);
  const usable = (connections ?? []).filter((connection) => connection.status !== 'deleted');
  useEffect(() => {
    const first = usable.find((connection) => connection.status === 'active') ?? usable[0];
    if (chosen === null && first) onChoose(first);
  }, [connections]);
  if (failure !== null) return <SectionMessage appearance="error">{failure}</SectionMessage>;
  if (connections !== null && usable.length === 0)
    return (
      <SectionMessage appearance="information">There is no connection yet. Initiate one, or accept an invitation, on the Connections page.</SectionMessage>
    );
  const options = usable.map((connection) => ({ value: connection.id, label: `${connection.name} (${connection.status})` }));
  return (
    <Box xcss={undefined}>
      <Label htmlFor={id}>Connection</Label>
      <div style={{ maxWidth: 420 }}>
        <Select
          inputId={id}
          aria-label="Connection"
          options={options}
          isLoading={connections === null}
          value={options.find((option) => option.value === chosen?.id) ?? null}
          onChange={(option) => {
            const connection = usable.find((each) => each.id === option?.value);
            if (connection) onChoose(connection);
          }}
        />
      </div>
    </Box>
  );
}

import { useEffect, useState } from 'react';
import type { ItemSurface } from './use-item-surface';

/**
 * The state of "Exalate this issue": the connection chosen (the first the item can be exalated
 * with, until the admin picks another) and the remote key typed for Connect. The options are read
 * when the form opens, since connections change while the item's page stays open. `submit` turns
 * an action into a form's onSubmit that calls `onDone` once the action is done.
 */
export function useExalateChoice(surface: Pick<ItemSurface, 'options' | 'loadOptions'>, onDone: () => void) {
  const [chosen, setChosen] = useState('');
  const [remoteKey, setRemoteKey] = useState('');
  useEffect(surface.loadOptions, []);
  const options = surface.options;
  const connections = options?.status === 'loaded' ? options.value.connections : [];
  useEffect(() => {
    if (chosen === '' && connections[0]) setChosen(connections[0].connectionId);
  }, [connections.length]);
  const submit = (action: () => Promise<boolean>) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    void action().then((done) => {
      if (done) onDone();
    });
  };
  return { options, connections, chosen, setChosen, remoteKey, setRemoteKey, submit };
}

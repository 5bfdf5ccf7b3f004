import { useEffect, useState } from 'react';
import type { ConsoleClient } from './operation-client';
import { emptyScriptApi, readScriptApi, type ScriptApi } from './script-editor-completions';

/**
 * The typings are the same for every connection of a node: read once per client and kept, so
 * opening the editor again completes at once. A failed read is not kept; the next opening asks again.
 */
const loaded = new WeakMap<Pick<ConsoleClient, 'readScriptApi'>, Promise<ScriptApi | null>>();

function loadScriptApi(client: Pick<ConsoleClient, 'readScriptApi'>): Promise<ScriptApi | null> {
  const known = loaded.get(client);
  if (known) return known;
  const loading = client.readScriptApi().then((answer) => {
    if (!answer.ok) loaded.delete(client);
    return answer.ok ? readScriptApi(answer.value) : null;
  });
  loaded.set(client, loading);
  return loading;
}

/**
 * What the script editor completes, from the typings the node publishes (GET /script-api). Until
 * they arrive, or if the node cannot send them, the editor works without the API's names.
 */
export function useScriptApi(client: Pick<ConsoleClient, 'readScriptApi'>): ScriptApi {
  const [api, setApi] = useState<ScriptApi>(emptyScriptApi);
  useEffect(() => {
    let current = true;
    void loadScriptApi(client).then((read) => {
      if (current && read !== null) setApi(read);
    });
    return () => {
      current = false;
    };
  }, [client]);
  return api;
}

import type { TrackerItem } from '../../ports/tracker-item';
import type { Replica } from '../../replica/replica-schema';
import type { IncomingPlan } from '../../rules/incoming-plan';
import { runIncomingScript } from '../../rules/run-incoming-script';
import { runOutgoingScript } from '../../rules/run-outgoing-script';
import type { ScriptSandboxV1 } from '../../rules/script-sandbox';
import { connectionBetween, outgoingItemOf } from '../../rules/test-fixtures';
import type { TrackerVocabularyNow } from '../tracker-values';
import { compileMapping } from '../compile-mapping';
import { otherSide, type MappingSide, type VisualMapping } from '../visual-mapping';

/**
 * One change crossing a Visual-mode connection through the real script runner: the sending side's
 * compiled outgoing script builds the replica from its item, the receiving side's compiled incoming
 * script plans what changes on its item (null: the item is created).
 */
export async function sendAcross(
  sandbox: ScriptSandboxV1,
  mapping: VisualMapping,
  from: MappingSide,
  sent: TrackerItem,
  receiving: TrackerItem | null,
  valuesAtReceiver?: TrackerVocabularyNow,
): Promise<{ readonly replica: Replica | null; readonly plan: IncomingPlan | null }> {
  const to = otherSide(from);
  const replica = await replicaOf(sandbox, mapping, from, sent);
  if (replica === null) return { replica, plan: null };
  const incoming = await runIncomingScript(sandbox, {
    script: compileMapping(mapping, to, valuesAtReceiver).incoming,
    issue: receiving,
    replica,
    previous: null,
    firstSync: receiving === null,
    connection: connectionBetween(mapping[to].tracker, mapping[from].tracker),
    commentLinks: [],
    attachmentLinks: [],
    syncedKeys: [],
    defaultProjectKey: 'TARGET',
  });
  if (!incoming.ok) throw incoming.error;
  return { replica, plan: incoming.value };
}

export async function replicaOf(sandbox: ScriptSandboxV1, mapping: VisualMapping, from: MappingSide, sent: TrackerItem): Promise<Replica | null> {
  const outgoing = await runOutgoingScript(sandbox, {
    script: compileMapping(mapping, from).outgoing,
    issue: outgoingItemOf(sent),
    connection: connectionBetween(mapping[from].tracker, mapping[otherSide(from)].tracker),
  });
  if (!outgoing.ok) throw outgoing.error;
  return outgoing.value;
}

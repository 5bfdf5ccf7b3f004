import { trackerProfile, type TrackerKind } from '../trackers';
import { priorityMapBetween, statusMapBetween, statusVocabulary, typeMapBetween } from '../rules/tracker-vocabulary';
import type { FieldRow, ValuePair, VisualMapping } from './visual-mapping';

/**
 * The mapping a new Visual-mode connection starts with, equal in effect to the default scripts
 * (core/rules/default-scripts.ts): summary, description, status, priority, type (on creation) and
 * labels both ways, comments and attachments both ways, and the value maps of the trackers'
 * default vocabularies (core/rules/tracker-vocabulary.ts). No filter yet: the admin picks which
 * items sync.
 */
export function defaultVisualMapping(initiatorTracker: TrackerKind, acceptorTracker: TrackerKind): VisualMapping {
  const bothHavePriority = trackerProfile(initiatorTracker).vocabulary.hasPriority && trackerProfile(acceptorTracker).vocabulary.hasPriority;
  const names = ['summary', 'description', 'status', ...(bothHavePriority ? ['priority'] : []), 'type', 'labels'];
  const fields: FieldRow[] = names.map((name) => ({ initiatorField: name, acceptorField: name, direction: 'both' }));
  return {
    version: 1,
    initiator: { tracker: initiatorTracker, filter: null },
    acceptor: { tracker: acceptorTracker, filter: null },
    fields,
    values: {
      status: defaultStatusPairs(initiatorTracker, acceptorTracker),
      priority: bothHavePriority
        ? pairsBothWays(
            mapEntries(priorityMapBetween(acceptorTracker, initiatorTracker)),
            flipped(mapEntries(priorityMapBetween(initiatorTracker, acceptorTracker))),
          )
        : [],
      type: pairsBothWays(
        mapEntries(typeMapBetween(acceptorTracker, initiatorTracker)),
        flipped(mapEntries(typeMapBetween(initiatorTracker, acceptorTracker))),
      ),
    },
    comments: { toAcceptor: true, toInitiator: true },
    attachments: { toAcceptor: true, toInitiator: true },
  };
}

/** [initiator value, acceptor value]. */
type Pair = readonly [string, string];

/**
 * Statuses by what they mean (to do, doing, done). Trackers of one kind share a workflow and copy
 * statuses by name, so they need no pairs. A tracker whose items are only completed or not
 * (Asana) pairs every status of the other tracker with completed or incomplete, the other
 * tracker's own target first: completing finishes a task, reopening reopens a finished one, and an
 * unfinished status stays as it is, as the default scripts do.
 */
function defaultStatusPairs(initiator: TrackerKind, acceptor: TrackerKind): ValuePair[] {
  if (initiator === acceptor) return [];
  const pairs = pairsBothWays(statusPairsInto(acceptor, initiator), flipped(statusPairsInto(initiator, acceptor)));
  const category = (tracker: TrackerKind, name: string) => statusVocabulary(tracker).known[name];
  const isTargetPair = (pair: ValuePair): boolean => {
    const initiatorCategory = category(initiator, pair.initiator);
    const acceptorCategory = category(acceptor, pair.acceptor);
    if (initiatorCategory === undefined || acceptorCategory === undefined) return false;
    return statusVocabulary(acceptor).target[initiatorCategory] === pair.acceptor && statusVocabulary(initiator).target[acceptorCategory] === pair.initiator;
  };
  // The first pair that applies names the value an item moves to, so each category's target pair leads.
  return [...pairs.filter(isTargetPair), ...pairs.filter((pair) => !isTargetPair(pair))];
}

/** [sender value, receiver value] pairs for statuses flowing into `receiver`. */
function statusPairsInto(receiver: TrackerKind, sender: TrackerKind): Pair[] {
  const senderVocabulary = trackerProfile(sender).vocabulary;
  if (senderVocabulary.statusIsCompletion && !trackerProfile(receiver).vocabulary.statusIsCompletion) {
    return Object.entries(statusVocabulary(receiver).known).map(([name, category]) => [senderVocabulary.statuses.target[category], name]);
  }
  return mapEntries(statusMapBetween(receiver, sender));
}

function mapEntries(map: Readonly<Record<string, string>> | undefined): Pair[] {
  return Object.entries(map ?? {});
}

function flipped(pairs: readonly Pair[]): Pair[] {
  return pairs.map(([sender, receiver]) => [receiver, sender]);
}

/** One list: a pair found in both directions is one `both` pair. */
function pairsBothWays(toAcceptor: readonly Pair[], toInitiator: readonly Pair[]): ValuePair[] {
  const key = ([initiator, acceptor]: Pair) => JSON.stringify([initiator, acceptor]);
  const backwards = new Set(toInitiator.map(key));
  const forwards = new Set(toAcceptor.map(key));
  return [
    ...toAcceptor.map(([initiator, acceptor]): ValuePair => ({
      initiator,
      acceptor,
      direction: backwards.has(key([initiator, acceptor])) ? 'both' : 'to-acceptor',
    })),
    ...toInitiator.filter((pair) => !forwards.has(key(pair))).map(([initiator, acceptor]): ValuePair => ({ initiator, acceptor, direction: 'to-initiator' })),
  ];
}

import type { TrackerKind } from '../trackers';
import { otherSide, type DirectionToggles, type MappingDirection, type MappingSide, type ValueMapKind, type VisualMapping } from './visual-mapping';

/**
 * The mapping as one side reads and edits it: this side is `local`, the other `remote`, and
 * directions say `to-remote` (this side sends, the other applies) or `to-local`. The console shows
 * this view; mappingFromView turns an edited view back into the shared document, so an admin never
 * has to think about who initiated the connection.
 */
export type ViewDirection = 'both' | 'to-remote' | 'to-local';

export interface MappingView {
  readonly version: number;
  /** Which side of the shared document this view is from. */
  readonly side: MappingSide;
  readonly local: ViewSide;
  readonly remote: ViewSide;
  readonly fields: readonly { readonly local: string; readonly remote: string; readonly direction: ViewDirection }[];
  readonly values: Readonly<Record<ValueMapKind, readonly { readonly local: string; readonly remote: string; readonly direction: ViewDirection }[]>>;
  readonly comments: ViewToggles;
  readonly attachments: ViewToggles;
}

export interface ViewSide {
  readonly tracker: TrackerKind;
  readonly filter: string | null;
}

export interface ViewToggles {
  /** This side's comments (or attachments) go to the other side. */
  readonly send: boolean;
  /** The other side's comments (or attachments) are added here. */
  readonly receive: boolean;
}

export function mappingSeenFrom(mapping: VisualMapping, side: MappingSide): MappingView {
  const other = otherSide(side);
  const direction = (value: MappingDirection): ViewDirection => (value === 'both' ? 'both' : value === `to-${other}` ? 'to-remote' : 'to-local');
  const pairs = (entries: VisualMapping['values'][ValueMapKind]) =>
    entries.map((pair) => ({ local: pair[side], remote: pair[other], direction: direction(pair.direction) }));
  return {
    version: mapping.version,
    side,
    local: { ...mapping[side] },
    remote: { ...mapping[other] },
    fields: mapping.fields.map((row) => ({ local: row[`${side}Field`], remote: row[`${other}Field`], direction: direction(row.direction) })),
    values: { status: pairs(mapping.values.status), priority: pairs(mapping.values.priority), type: pairs(mapping.values.type) },
    comments: togglesSeenFrom(mapping.comments, side),
    attachments: togglesSeenFrom(mapping.attachments, side),
  };
}

/** The shared document an (edited) view stands for. */
export function mappingFromView(view: MappingView): VisualMapping {
  const side = view.side;
  const other = otherSide(side);
  const direction = (value: ViewDirection): MappingDirection => (value === 'both' ? 'both' : value === 'to-remote' ? `to-${other}` : `to-${side}`);
  const byRole = <T>(local: T, remote: T): { initiator: T; acceptor: T } =>
    side === 'initiator' ? { initiator: local, acceptor: remote } : { initiator: remote, acceptor: local };
  const pairs = (entries: MappingView['values'][ValueMapKind]) =>
    entries.map((pair) => ({ ...byRole(pair.local, pair.remote), direction: direction(pair.direction) }));
  const toggles = (value: ViewToggles): DirectionToggles => {
    const sends = byRole(value.send, value.receive);
    return { toAcceptor: sends.initiator, toInitiator: sends.acceptor };
  };
  const sides = byRole(view.local, view.remote);
  return {
    version: view.version,
    initiator: { ...sides.initiator },
    acceptor: { ...sides.acceptor },
    fields: view.fields.map((row) => {
      const fields = byRole(row.local, row.remote);
      return { initiatorField: fields.initiator, acceptorField: fields.acceptor, direction: direction(row.direction) };
    }),
    values: { status: pairs(view.values.status), priority: pairs(view.values.priority), type: pairs(view.values.type) },
    comments: toggles(view.comments),
    attachments: toggles(view.attachments),
  };
}

/** The same mapping seen from the other side. */
export function flipView(view: MappingView): MappingView {
  const flip = (direction: ViewDirection): ViewDirection => (direction === 'both' ? 'both' : direction === 'to-remote' ? 'to-local' : 'to-remote');
  const pairs = (entries: MappingView['values'][ValueMapKind]) =>
    entries.map((pair) => ({ local: pair.remote, remote: pair.local, direction: flip(pair.direction) }));
  return {
    version: view.version,
    side: otherSide(view.side),
    local: view.remote,
    remote: view.local,
    fields: view.fields.map((row) => ({ local: row.remote, remote: row.local, direction: flip(row.direction) })),
    values: { status: pairs(view.values.status), priority: pairs(view.values.priority), type: pairs(view.values.type) },
    comments: { send: view.comments.receive, receive: view.comments.send },
    attachments: { send: view.attachments.receive, receive: view.attachments.send },
  };
}

function togglesSeenFrom(toggles: DirectionToggles, side: MappingSide): ViewToggles {
  return side === 'initiator' ? { send: toggles.toAcceptor, receive: toggles.toInitiator } : { send: toggles.toInitiator, receive: toggles.toAcceptor };
}

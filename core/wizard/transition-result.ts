import type { WizardContext } from './wizard-context';
import type { WizardEffect } from './wizard-effect';
import type { AcceptClosedState, InitiateClosedState } from './wizard-state';

/** What `transition` returns: the next state and what the host must do for it. */
export type Transition<S> = readonly [S, readonly WizardEffect[]];

/** An event that does not apply: same state, nothing to do. The wizard never throws on one. */
export function stay<S>(state: S): Transition<S> {
  return [state, []];
}

/**
 * Closing after a connection may exist (initiated, accepted, or a request still in flight when
 * Cancel was clicked) also refreshes the Connections list, so the admin sees it without reloading.
 */
function closingEffects(connectionMayExist: boolean): readonly WizardEffect[] {
  return connectionMayExist ? [{ type: 'close' }, { type: 'refresh_connections' }] : [{ type: 'close' }];
}

export function closeInitiate(context: WizardContext, connectionMayExist: boolean): Transition<InitiateClosedState> {
  return [{ flow: 'initiate', step: 'closed', context, busy: false, notices: [], error: null }, closingEffects(connectionMayExist)];
}

export function closeAccept(context: WizardContext, connectionMayExist: boolean): Transition<AcceptClosedState> {
  return [{ flow: 'accept', step: 'closed', context, busy: false, notices: [], error: null }, closingEffects(connectionMayExist)];
}

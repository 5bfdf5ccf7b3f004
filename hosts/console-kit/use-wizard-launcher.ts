import { useMemo, useState } from 'react';
import type { InstanceAnswer } from './admin-answers';
import { startAcceptWizard, startInitiateWizard, type WizardState } from './browser-core';
import { wizardContextOf } from './console-words';
import type { ConsoleClient } from './operation-client';
import type { WizardEffectHost } from './wizard-effect-runner';

export type WizardKind = 'initiate' | 'accept';

export interface WizardLauncher {
  /** The wizard open now, or null. */
  readonly wizard: WizardKind | null;
  open(wizard: WizardKind): void;
  /** What the open wizard runs its effects on; it closes the wizard and reads the list again when done. */
  readonly host: WizardEffectHost;
  /** The first state of the open wizard, for this instance. */
  start(instance: InstanceAnswer): WizardState;
}

/** Initiate Connection and Accept Invitation as every console opens them. */
export function useWizardLauncher(client: ConsoleClient, refreshConnections: () => Promise<unknown>): WizardLauncher {
  const [wizard, setWizard] = useState<WizardKind | null>(null);
  const host = useMemo<WizardEffectHost>(
    () => ({
      client,
      clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
      close: () => setWizard(null),
      refreshConnections: () => void refreshConnections(),
    }),
    [client, refreshConnections],
  );
  return {
    wizard,
    open: setWizard,
    host,
    start: (instance) => (wizard === 'initiate' ? startInitiateWizard(wizardContextOf(instance)) : startAcceptWizard(wizardContextOf(instance))),
  };
}

import type { ConsoleConnection } from './admin-answers';
import { basicModeFields, type BasicModeField } from './browser-core';

/**
 * The read-only "What syncs" view of a Basic connection, as every console shows it where a Script
 * connection offers Edit scripts. Its rows are the list the Basic scripts are built from
 * (core/rules/basic-mode-scripts.ts), so the view cannot say something other than what syncs.
 */
export interface WhatSyncsView {
  readonly title: string;
  readonly intro: string;
  readonly fields: readonly BasicModeField[];
  /** Why there is nothing to edit, and what to do to sync something else. */
  readonly modeIsFixed: string;
  readonly close: string;
}

export const whatSyncsLabel = 'What syncs';

export function whatSyncsView(connection: Pick<ConsoleConnection, 'name'>): WhatSyncsView {
  return {
    title: `${whatSyncsLabel}: ${connection.name}`,
    intro: 'This connection is in Basic mode: these fields sync both ways, between an item and its twin. There is nothing to configure.',
    fields: basicModeFields,
    modeIsFixed: "A connection's mode cannot be changed. To sync other fields, or these in another way, create a new connection in Script mode.",
    close: 'Close',
  };
}

/** A Basic connection shows what it syncs for as long as it exists; its scripts are never edited. */
export function canShowWhatSyncs(connection: Pick<ConsoleConnection, 'mode' | 'status'>): boolean {
  return connection.mode === 'basic' && connection.status !== 'deleted';
}

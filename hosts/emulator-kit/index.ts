// Shared plumbing of the tracker emulators (auth checks, error bodies, pagination, mounting).
// Emulators import from here; product adapters never do.
export * from './authorization';
export * from './authorization-guard';
export * from './error-bodies';
export * from './jira-refusal';
export * from './jira-representations';
export * from './pagination';
export * from './public-base-url';
export * from './query-parameters';
export * from './start-emulator-server';
export * from './tracker-emulator';
export * from './tracker-error-handlers';

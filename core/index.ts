// The one door into core for hosts. Hosts import from here, never from inside core.
export * from './result';
export * from './errors';
export * from './ports';
export * from './connection/connection';
export * from './connection/lifecycle';

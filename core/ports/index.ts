export * from './clock';
export * from './logger';
export * from './store';
export * from './tracker';
export * from './transport';
export * from './tracker-item';
export * from './sync-store';
export * from './secrets';

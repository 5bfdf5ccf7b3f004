// Visual mode: the shared mapping document, its views, validation and compiler.
export * from './visual-mapping';
export * from './mapping-view';
export * from './mapping-fields';
export * from './tracker-values';
export * from './default-visual-mapping';
export * from './unmapped-values';
export * from './validate-mapping';
export * from './compile-mapping';
export * from './mapping-diff';
export * from './mapping-drift';
export * from './mapping-workflow';
export * from './mapping-view-schema';

// The tracker-neutral plumbing two or more emulators share: server start, auth checks, pagination,
// query parameters, multipart forms, rate-limit storms, hook deliveries, webhook receiver, base URL.
// What belongs to one tracker (or to the Jira family) lives in that tracker's emulator folder.
// Emulators and tests import from here; product code never does.
export * from './authorization';
export * from './authorization-guard';
export * from './hook-deliveries';
export * from './multipart-form';
export * from './pagination';
export * from './public-base-url';
export * from './query-parameters';
export * from './rate-limit-storm';
export * from './start-emulator-server';
export * from './tracker-emulator';
export * from './tracker-error-handlers';
export * from './webhook-receiver';

/**
 * hosts/incoming-request: what every host does with a request that reaches it, written once: find
 * a header, read a JSON body, check an HMAC signature or an HS256 token in constant time; and the
 * change intake of the trackers that send the node's hook secret back with every delivery. The
 * node's routes, the Forge app's web triggers and each tracker's change intake use it. Node
 * built-ins are fine here (Forge runs on Node too); core never imports it.
 */
export * from './constant-time';
export * from './header-value';
export * from './hmac-sha256';
export * from './hs256-jwt';
export * from './json-body';
export * from './hook-secret-intake';

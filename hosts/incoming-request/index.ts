/**
 * hosts/incoming-request: what every host does with a request that reaches it, written once: find
 * a header, read a JSON body, check an HMAC signature or an HS256 token in constant time. The
 * node's routes, the Forge app's web triggers and each tracker's change intake use it. Node
 * built-ins are fine here (Forge runs on Node too); core never imports it.
 */
export * from './constant-time';
export * from './header-value';
export * from './hmac-sha256';
export * from './hs256-jwt';
export * from './json-body';

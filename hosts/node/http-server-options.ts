import type { FastifyServerOptions } from 'fastify';
import { isIP } from 'node:net';
import { bodyLimitBytes } from './node-routes';

/** The names proxy-addr (Fastify's trustProxy) knows for groups of addresses. */
const addressGroups = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: the reverse proxies in front of the node, comma-separated addresses or CIDR
 * ranges (`10.0.0.5`, `10.0.0.0/8`) or `loopback`, `linklocal`, `uniquelocal`. Only a request
 * that arrives from one of them has its X-Forwarded-For, -Proto and -Host believed, and the caller
 * is then the nearest address in X-Forwarded-For that is not a listed proxy (what the proxy itself
 * saw), never a value the client wrote. Unset: there is no proxy, the caller is the socket's
 * address and forwarded headers are ignored, so nobody can pick the address that the rate limits
 * of accepting and handshaking count against.
 */
export function readTrustedProxies(value: string | undefined): readonly string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const maximumPrefix = isIP(address) === 6 ? 128 : 32;
    const prefixValid = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maximumPrefix);
    if (addressGroups.has(entry) || (isIP(address) !== 0 && prefixValid && rest.length === 0)) continue;
    throw new Error(
      `TRUST_PROXY has "${entry}", which is not an IP address, a CIDR range (10.0.0.0/8) or one of loopback, linklocal, uniquelocal. List the addresses of the reverse proxies in front of the node, separated by commas, or leave TRUST_PROXY unset when there is none.`,
    );
  }
  return entries;
}

/** The node's HTTP server settings, from the environment (main.ts). */
export function nodeServerOptions(environment: NodeJS.ProcessEnv): FastifyServerOptions {
  const proxies = readTrustedProxies(environment['TRUST_PROXY']);
  return { bodyLimit: bodyLimitBytes, trustProxy: proxies.length === 0 ? false : [...proxies], forceCloseConnections: true };
}

import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  ExalateError,
  isPrivateAddress,
  isPrivateHost,
  maximumPeerMessageBytes,
  parseIpAddress,
  type TransportRequest,
  type TransportResponse,
  type TransportV1,
} from '../../core';

/** Longer than the longest held poll (25 s, maximumPollWaitMs), so a quiet poll is not an error. */
const timeoutMs = 40_000;

/** Every A and AAAA answer for a name, as the operating system's resolver gives them. */
export type ResolveHostName = (hostname: string) => Promise<readonly LookupAddress[]>;

const resolveWithSystem: ResolveHostName = (hostname) => lookup(hostname, { all: true, verbatim: true });

export interface FetchTransportOptions {
  /**
   * Production refuses peers on loopback, link-local and private networks (server-side request
   * forgery); the sandbox and tests run every node on localhost and allow them.
   */
  readonly allowPrivateAddresses: boolean;
  /** DNS; tests give their own to play a name that resolves to a private address. */
  readonly resolveHostName?: ResolveHostName;
  /** The largest answer read from a peer (default: the largest message a node sends). */
  readonly maximumResponseBytes?: number;
}

/**
 * Node-to-node HTTP over Node's own client, so that the connection is under this node's control:
 * - the name is resolved once, every address it resolves to is checked, and the socket connects
 *   to one of those checked addresses (a name that answers a public address to the check and a
 *   private one to the connection, DNS rebinding, gets nowhere);
 * - the answer is counted as it arrives and the connection is cut the moment it passes the cap,
 *   so a peer streaming without end costs this node the cap and no more.
 */
export class FetchTransport implements TransportV1 {
  private readonly allowPrivateAddresses: boolean;
  private readonly resolveHostName: ResolveHostName;
  private readonly maximumResponseBytes: number;

  constructor(options: FetchTransportOptions) {
    this.allowPrivateAddresses = options.allowPrivateAddresses;
    this.resolveHostName = options.resolveHostName ?? resolveWithSystem;
    this.maximumResponseBytes = options.maximumResponseBytes ?? maximumPeerMessageBytes;
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const url = new URL(request.url);
    if (!this.allowPrivateAddresses && isPrivateHost(url.hostname)) throw privateAddressRefused(url, url.hostname);
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const options: RequestOptions = {
      method: request.method,
      headers: { ...request.headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) },
      lookup: this.checkedLookup(url),
    };
    return new Promise<TransportResponse>((resolve, reject) => {
      const outgoing: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (response) => {
        this.readAnswer(url, response, outgoing).then(resolve, reject);
      });
      const timer = setTimeout(() => outgoing.destroy(new TimeoutError()), timeoutMs);
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.on('error', (error) => reject(ExalateError.isInstance(error) ? error : unreachable(url, error)));
      outgoing.end(body);
    });
  }

  private readAnswer(url: URL, response: IncomingMessage, outgoing: ClientRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      const tooLarge = () =>
        new ExalateError(
          'peer_invalid_response',
          `${url.origin} sent an answer larger than ${this.maximumResponseBytes} bytes; an Exalate node never does, so the connection was closed.`,
          {
            details: { maximumResponseBytes: this.maximumResponseBytes },
          },
        );
      // A declared length over the cap is refused before a byte of the body is read.
      if (Number(response.headers['content-length'] ?? 0) > this.maximumResponseBytes) {
        outgoing.destroy();
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > this.maximumResponseBytes) {
          chunks.length = 0;
          outgoing.destroy();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => reject(ExalateError.isInstance(error) ? error : unreachable(url, error)));
    });
  }

  /**
   * The socket's name lookup: resolves every address, refuses the connection when any of them is
   * private, and hands the socket only the checked addresses. Node calls it with `all: true` when
   * it tries IPv6 and IPv4 side by side (net.connect's autoSelectFamily, on by default in Node 20).
   */
  private checkedLookup(url: URL): LookupFunction {
    return (hostname, options, callback) => {
      this.resolveHostName(hostname).then(
        (addresses) => {
          const refused = this.allowPrivateAddresses
            ? undefined
            : addresses.find((entry) => {
                const address = parseIpAddress(entry.address);
                return address === undefined || isPrivateAddress(address);
              });
          if (refused) return callback(privateAddressRefused(url, refused.address), '', 0);
          const usable = addresses.filter((entry) => !options.family || entry.family === options.family);
          const first = usable[0];
          if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
          if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, usable);
          return callback(null, first.address, first.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  }
}

class TimeoutError extends Error {
  constructor() {
    super(`no answer within ${timeoutMs / 1000} s`);
    this.name = 'TimeoutError';
  }
}

function privateAddressRefused(url: URL, address: string): ExalateError {
  return new ExalateError(
    'destination_invalid',
    `${url.origin} leads to ${address}, a local or private network address, which this node does not call. Give the other node a public address (and DNS name that resolves only to public addresses).`,
    { details: { address } },
  );
}

function unreachable(url: URL, error: unknown): ExalateError {
  return new ExalateError(
    'destination_unreachable',
    `Could not reach ${url.origin}: ${describeNetworkFailure(error)}. Check the URL and that the other node is running and reachable from this one.`,
    {
      cause: error,
      isRetryable: true,
    },
  );
}

function describeNetworkFailure(error: unknown): string {
  if (error instanceof TimeoutError) return error.message;
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name is unknown';
  if (code === 'ECONNRESET') return 'the connection was closed before an answer came';
  return error instanceof Error ? error.message : 'network error';
}

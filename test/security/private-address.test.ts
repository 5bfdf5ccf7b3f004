import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExalateError, normalizeTrackerBaseUrl } from '../../core';
import { normalizeNodeUrl } from '../../core/exchange/destination-url';
import { FetchTransport } from '../../hosts/node/fetch-transport';

/**
 * Destination Instance URLs an attacker types to make a production node call its own machine,
 * its cloud's metadata service or its private network, one per way of writing such an address.
 */
const privateDestinations: readonly (readonly [string, string])[] = [
  ['a name with a trailing dot', 'http://localhost./'],
  ['a subdomain of localhost with a trailing dot', 'http://api.localhost./'],
  ['a .internal name with a trailing dot', 'http://metadata.google.internal./'],
  ['IPv4-compatible IPv6 loopback', 'http://[::127.0.0.1]/'],
  ['IPv4-compatible IPv6 metadata address', 'http://[::a9fe:a9fe]/'],
  ['NAT64 of the metadata address', 'http://[64:ff9b::a9fe:a9fe]/'],
  ['NAT64 of loopback', 'http://[64:ff9b::7f00:1]/'],
  ['IPv4-mapped metadata address, dotted', 'http://[::ffff:169.254.169.254]/'],
  ['IPv4-mapped loopback, hex', 'http://[::ffff:7f00:1]/'],
  ['IPv4 loopback as one decimal number', 'http://2130706433/'],
  ['IPv4 loopback in octal', 'http://0177.0.0.1/'],
  ['IPv4 loopback in hex, short form', 'http://0x7f.1/'],
  ['IPv4 loopback, short form', 'http://127.1/'],
  ['6to4 around loopback', 'http://[2002:7f00:1::1]/'],
  ['6to4 around the metadata address', 'http://[2002:a9fe:a9fe::]/'],
  ['6to4 around a private network', 'http://[2002:c0a8:1::1]/'],
  ['Teredo with a loopback client', 'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/'],
  ['Teredo with a private client', 'http://[2001:0:4136:e378:8000:63bf:f5ff:fefe]/'],
  ['the unspecified IPv4 address', 'http://0.0.0.0:8080/'],
  ['the unspecified IPv6 address', 'http://[::]/'],
  ['unique-local IPv6', 'http://[fd12:3456:789a::1]/'],
  ['unique-local IPv6, fc half', 'http://[fc00::1]/'],
  ['link-local IPv6', 'http://[fe80::1]/'],
  ['carrier-grade NAT', 'http://100.100.100.200/'],
];

/** Public addresses written the same odd ways must still pass: the check reads addresses, not spellings. */
const publicDestinations = [
  'https://exalate.example.com/',
  'https://exalate.example.com./',
  'http://[2606:4700:4700::1111]/',
  'http://[::ffff:8.8.8.8]/',
  'http://[64:ff9b::808:808]/',
  'http://[2002:808:808::1]/',
  'http://134744072/',
];

describe('the private-address check on typed URLs', () => {
  it.each(privateDestinations)('refuses %s (%s) as a Destination Instance URL and as a Jira base URL', (_kind, url) => {
    const destination = normalizeNodeUrl(url, false);
    expect(destination.ok ? destination.value : destination.error.code).toBe('destination_invalid');
    expect(destination.ok ? '' : destination.error.message).toContain('local or private network address');
    const tracker = normalizeTrackerBaseUrl(url, false);
    expect(tracker.ok ? tracker.value : tracker.error.message).toContain('local or private network address');
  });

  it.each(publicDestinations)('still accepts the public address %s', (url) => {
    expect(normalizeNodeUrl(url, false).ok).toBe(true);
  });

  it('allows every one of them when private destinations are allowed (the sandbox)', () => {
    for (const [, url] of privateDestinations) expect(normalizeNodeUrl(url, true).ok).toBe(true);
  });
});

describe('the private-address check at connect time', () => {
  let server: Server;
  let port: number;
  let requestsReceived: number;

  beforeAll(async () => {
    requestsReceived = 0;
    server = createServer((_request, response) => {
      requestsReceived++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"reached":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requestsReceived = 0;
  });

  /** A resolver that answers the given addresses for every name, and counts how often it was asked. */
  function resolverAnswering(...addresses: string[]) {
    const asked: string[] = [];
    const resolve = async (hostname: string): Promise<readonly LookupAddress[]> => {
      asked.push(hostname);
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    return { resolve, asked };
  }

  async function refusal(transport: FetchTransport, url: string): Promise<ExalateError> {
    const outcome = await transport.send({ method: 'GET', url }).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!ExalateError.isInstance(outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
    return outcome;
  }

  it.each([
    ['only loopback', ['127.0.0.1']],
    ['a public address and, among its other answers, loopback', ['93.184.216.34', '127.0.0.1']],
    ['a public IPv4 address and the metadata address as IPv4-mapped IPv6', ['93.184.216.34', '::ffff:169.254.169.254']],
    ['a private network address', ['10.0.0.8']],
  ])('refuses a public-looking name that resolves to %s, before connecting', async (_kind, addresses) => {
    const dns = resolverAnswering(...addresses);
    const transport = new FetchTransport({ allowPrivateAddresses: false, resolveHostName: dns.resolve });
    const error = await refusal(transport, `http://peer.example.com:${port}/exchange/v1/info`);
    expect(error.code).toBe('destination_invalid');
    expect(error.message).toContain('local or private network address');
    expect(dns.asked).toEqual(['peer.example.com']);
    expect(requestsReceived).toBe(0);
  });

  it('refuses a URL holding a private address in another spelling without asking DNS', async () => {
    const dns = resolverAnswering('127.0.0.1');
    const transport = new FetchTransport({ allowPrivateAddresses: false, resolveHostName: dns.resolve });
    for (const host of ['2130706433', '[::ffff:7f00:1]', 'localhost.']) {
      expect((await refusal(transport, `http://${host}:${port}/`)).code).toBe('destination_invalid');
    }
    expect(requestsReceived).toBe(0);
  });

  it('connects to the address it checked: the name is resolved once, and the answer is used for the socket', async () => {
    // ".test" names never resolve in real DNS (RFC 6761), so reaching the server proves the socket
    // used the checked answer rather than a second lookup that a rebinding name could change.
    const dns = resolverAnswering('127.0.0.1');
    const transport = new FetchTransport({ allowPrivateAddresses: true, resolveHostName: dns.resolve });
    const answer = await transport.send({ method: 'GET', url: `http://peer.node.test:${port}/` });
    expect(answer).toEqual({ status: 200, body: '{"reached":true}' });
    expect(dns.asked).toEqual(['peer.node.test']);
    expect(requestsReceived).toBe(1);
  });

  it('says clearly when a name does not resolve at all', async () => {
    const transport = new FetchTransport({ allowPrivateAddresses: false, resolveHostName: resolverAnswering().resolve });
    const error = await refusal(transport, `http://nowhere.example.com:${port}/`);
    expect(error.code).toBe('destination_unreachable');
    expect(error.message).toContain('the host name is unknown');
  });
});

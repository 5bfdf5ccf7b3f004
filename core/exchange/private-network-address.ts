/**
 * Which host names and addresses a node must not call in production: anything that reaches the
 * node's own machine or network instead of the public internet (server-side request forgery).
 *
 * Addresses are read the way the connection will read them, not the way they were typed. The
 * WHATWG URL parser (url.spec.whatwg.org, "IPv4 parser" and "IPv6 parser") is what `fetch` and
 * Node's `URL` use, and it accepts more than dotted decimal: `2130706433`, `0177.0.0.1` and
 * `0x7f.1` are all 127.0.0.1, and `[::127.0.0.1]` is `[::7f00:1]`. So every host is first put
 * through that parser, then classified from its bytes, including IPv4 addresses carried inside
 * IPv6 ones (mapped, compatible, NAT64, 6to4, Teredo) that a router would unwrap.
 */

/** Names that only ever mean this machine or a local network (RFC 6761, RFC 8375, mDNS). */
const localNames = ['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback'];
const localSuffixes = ['.localhost', '.local', '.internal', '.localdomain', '.home.arpa', '.lan'];

export type IpAddress = { readonly version: 4; readonly bytes: readonly number[] } | { readonly version: 6; readonly groups: readonly number[] };

/**
 * True for a host name (as in a URL, brackets allowed) that is local or private, or that is an
 * address of a network that is not the public internet. Names that need DNS are not resolved
 * here: the node's transport checks every address a name resolves to before it connects.
 */
export function isPrivateHost(hostname: string): boolean {
  const canonical = canonicalHost(hostname);
  if (canonical === undefined) return true;
  const address = parseIpAddress(canonical);
  if (address) return isPrivateAddress(address);
  const name = canonical.replace(/\.+$/, '');
  return name === '' || localNames.includes(name) || localSuffixes.some((suffix) => name.endsWith(suffix));
}

/** The host as a connection would use it, lower-cased, or undefined when no URL could hold it. */
function canonicalHost(hostname: string): string | undefined {
  const bare = hostname.trim().replace(/^\[|\]$/g, '');
  try {
    return new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** Reads a canonical dotted-decimal IPv4 or an IPv6 address (with `::` and an optional dotted tail). */
export function parseIpAddress(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const ipv4 = parseDottedIpv4(bare);
  if (ipv4) return { version: 4, bytes: ipv4 };
  if (!bare.includes(':')) return undefined;
  const groups = parseIpv6Groups(bare);
  return groups ? { version: 6, groups } : undefined;
}

function parseDottedIpv4(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const bytes = match.slice(1).map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6Groups(text: string): number[] | undefined {
  let body = text.toLowerCase();
  const tail: number[] = [];
  // An IPv4 tail (`::ffff:127.0.0.1`) fills the last two groups.
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(body);
  if (dotted?.[1]) {
    const bytes = parseDottedIpv4(dotted[1]);
    if (!bytes) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    tail.push((a << 8) | b, (c << 8) | d);
    body = body.slice(0, dotted.index);
    if (!body.endsWith(':')) return undefined;
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const readHalf = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const parts = half.split(':');
    if (!parts.every((part) => /^[0-9a-f]{1,4}$/.test(part))) return undefined;
    return parts.map((part) => parseInt(part, 16));
  };
  const head = readHalf(halves[0]);
  const rest = readHalf(halves[1]);
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...head, ...tail] : undefined;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** True for an address that is not a unicast address of the public internet. */
export function isPrivateAddress(address: IpAddress): boolean {
  return address.version === 4 ? isPrivateIpv4(address.bytes) : isPrivateIpv6(address.groups);
}

/** IANA IPv4 Special-Purpose Address Registry (RFC 6890) entries that are not globally reachable, plus multicast. */
function isPrivateIpv4(bytes: readonly number[]): boolean {
  const [a = 0, b = 0, c = 0] = bytes;
  return (
    a === 0 || // "this network", 0.0.0.0 reaches the local machine on Linux
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    a === 127 ||
    (a === 169 && b === 254) || // link-local, where cloud metadata services live
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 192 && b === 88 && c === 99) || // 6to4 relay anycast
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224 // multicast, reserved and broadcast
  );
}

function embeddedIpv4(high: number, low: number): number[] {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

/** IANA IPv6 Special-Purpose Address Registry, with the IPv4 inside transition addresses checked too. */
function isPrivateIpv6(groups: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const firstFourZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0;
  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1): nothing public lives there.
  if (firstFourZero && g4 === 0 && g5 === 0) return true;
  // IPv4-mapped ::ffff:a.b.c.d (RFC 4291 §2.5.5.2): a dual-stack socket connects to the IPv4 address.
  if (firstFourZero && g4 === 0 && g5 === 0xffff) return isPrivateIpv4(embeddedIpv4(g6, g7));
  // IPv4-translated ::ffff:0:a.b.c.d (RFC 2765): only meaningful inside a translator's network.
  if (firstFourZero && g4 === 0xffff && g5 === 0) return true;
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052) translates to the embedded IPv4 address;
  // the local-use prefix 64:ff9b:1::/48 (RFC 8215) is for networks' own translators.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateIpv4(embeddedIpv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true;
  // 6to4 2002:a.b.c.d::/48 (RFC 3056): the relay delivers to the embedded IPv4 address.
  if (g0 === 0x2002) return isPrivateIpv4(embeddedIpv4(g1, g2));
  // Teredo 2001:0::/32 (RFC 4380): server IPv4 in bits 32-63, client IPv4 inverted in the last 32.
  if (g0 === 0x2001 && g1 === 0) return isPrivateIpv4(embeddedIpv4(g2, g3)) || isPrivateIpv4(embeddedIpv4(g6 ^ 0xffff, g7 ^ 0xffff));
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only 100::/64
  if (g0 === 0x2001 && g1 === 0x0db8) return true; // documentation
  if ((g0 & 0xfe00) === 0xfc00) return true; // unique-local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, old site-local
  return (g0 & 0xff00) === 0xff00; // multicast
}

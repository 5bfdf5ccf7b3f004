import { isPrivateAddress, isPrivateHost, parseIpAddress } from './private-network-address';

/**
 * The edges of every private range: the first and last address inside it and the neighbour just
 * outside, so that a range one step too wide refuses a public peer and one step too narrow lets a
 * production node call its own network. Tables of (host, private?) as a node would meet them in a
 * Destination Instance URL or a tracker base URL.
 */
const ipv4Edges: readonly (readonly [string, boolean])[] = [
  ['0.0.0.0', true],
  ['0.255.255.255', true],
  ['1.0.0.1', false],
  ['9.255.255.255', false],
  ['10.0.0.1', true],
  ['10.255.255.255', true],
  ['11.0.0.1', false],
  ['100.63.255.255', false],
  ['100.64.0.1', true],
  ['100.127.255.255', true],
  ['100.128.0.1', false],
  ['99.64.0.1', false],
  ['126.255.255.255', false],
  ['127.0.0.1', true],
  ['127.255.255.254', true],
  ['128.0.0.1', false],
  ['169.253.1.1', false],
  ['169.254.169.254', true],
  ['169.255.1.1', false],
  ['168.254.1.1', false],
  ['172.15.255.255', false],
  ['172.16.0.1', true],
  ['172.31.255.255', true],
  ['172.32.0.1', false],
  ['171.16.0.1', false],
  ['192.0.0.8', true],
  ['192.0.1.1', false],
  ['192.0.2.10', true],
  ['192.0.3.1', false],
  ['192.1.0.1', false],
  ['192.1.2.1', false],
  ['193.0.0.1', false],
  ['192.88.99.1', true],
  ['192.88.98.1', false],
  ['192.88.100.1', false],
  ['192.89.99.1', false],
  ['193.88.99.1', false],
  ['192.168.0.1', true],
  ['192.168.255.255', true],
  ['192.167.0.1', false],
  ['192.169.0.1', false],
  ['193.168.0.1', false],
  ['198.17.0.1', false],
  ['198.18.0.1', true],
  ['198.19.255.255', true],
  ['198.20.0.1', false],
  ['197.18.0.1', false],
  ['197.19.0.1', false],
  ['198.51.100.7', true],
  ['198.51.101.7', false],
  ['198.52.100.7', false],
  ['199.51.100.7', false],
  ['203.0.113.9', true],
  ['203.0.114.9', false],
  ['203.1.113.9', false],
  ['204.0.113.9', false],
  ['223.255.255.255', false],
  ['224.0.0.1', true],
  ['239.255.255.250', true],
  ['255.255.255.255', true],
  ['8.8.8.8', false],
  ['93.184.216.34', false],
];

const ipv6Edges: readonly (readonly [string, boolean])[] = [
  // Zero prefix: unspecified, loopback, IPv4-compatible, IPv4-mapped, IPv4-translated.
  ['::', true],
  ['::1', true],
  ['::808:808', true],
  ['::1:0:0', false],
  ['0:0:0:1::', false],
  ['0:0:1::', false],
  ['0:1::', false],
  ['1::', false],
  ['::ffff:8.8.8.8', false],
  ['::ffff:10.0.0.1', true],
  ['::ffff:0:8.8.8.8', true],
  ['::fffe:0:8.8.8.8', false],
  ['::ffff:1:808:808', false],
  ['::1:ffff:a00:1', false],
  ['0:0:0:1:0:ffff:a00:1', false],
  ['0:0:1::ffff:a00:1', false],
  ['0:1::ffff:a00:1', false],
  ['1::ffff:a00:1', false],
  ['1::ffff:0:808:808', false],
  ['0:0:0:1:ffff:0:808:808', false],
  // NAT64: the well-known prefix carries the IPv4 address; the local-use prefix is private.
  ['64:ff9b::808:808', false],
  ['64:ff9b::a00:1', true],
  ['64:ff9b::1:a00:1', false],
  ['64:ff9b:0:0:1::a00:1', false],
  ['64:ff9b:0:1::a00:1', false],
  ['64:ff9b:1::a00:1', true],
  ['64:ff9b:1::808:808', true],
  ['64:ff9b:2::', false],
  ['64:ff9a::a00:1', false],
  ['65:ff9b::a00:1', false],
  ['65:ff9b:1::', false],
  ['64:ff9a:1::', false],
  // 6to4 carries the IPv4 address in the second and third groups.
  ['2002:808:808::1', false],
  ['2002:a00:1::', true],
  ['2002:c0a8:101::', true],
  ['2003:a00:1::', false],
  // Teredo: the server's IPv4 in groups 2-3, the client's inverted in groups 6-7.
  ['2001:0:808:808::f7f7:f7f7', false],
  ['2001:0:a00:1::f7f7:f7f7', true],
  ['2001:0:808:808::80ff:fffe', true],
  ['2001:1:a00:1::80ff:fffe', false],
  // Discard-only, documentation, unique-local, link-local, site-local, multicast.
  ['100::1', true],
  ['100:0:0:1::', false],
  ['100:0:1::', false],
  ['100:1::', false],
  ['101::', false],
  ['2001:db8::1', true],
  ['2001:db9::1', false],
  ['2000:db8::1', false],
  ['fbff::1', false],
  ['fc00::1', true],
  ['fdff:ffff::1', true],
  ['fe00::1', false],
  ['fe7f::1', false],
  ['fe80::1', true],
  ['febf::1', true],
  ['fec0::1', true],
  ['feff::1', true],
  ['ff00::1', true],
  ['ff02::1', true],
  ['2606:4700:4700::1111', false],
  ['2a00:1450:4001::200e', false],
];

describe('isPrivateHost at the edges of each range', () => {
  it.each(ipv4Edges)('IPv4 %s is private: %s', (address, expected) => {
    expect(isPrivateHost(address)).toBe(expected);
  });

  it.each(ipv6Edges)('IPv6 [%s] is private: %s', (address, expected) => {
    expect(isPrivateHost(`[${address}]`)).toBe(expected);
  });

  it.each(ipv6Edges)('IPv6 %s read from a DNS answer is private: %s', (address, expected) => {
    const parsed = parseIpAddress(address);
    expect(parsed === undefined ? 'unreadable' : isPrivateAddress(parsed)).toBe(expected);
  });
});

describe('isPrivateHost on names', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['  localhost  ', true],
    ['localhost.localdomain', true],
    ['ip6-localhost', true],
    ['ip6-loopback', true],
    ['api.localhost', true],
    ['printer.local', true],
    ['metadata.google.internal', true],
    ['box.localdomain', true],
    ['router.home.arpa', true],
    ['nas.lan', true],
    ['nas.lan...', true],
    ['.', true],
    ['', true],
    ['exa mple.com', true],
    ['  example.com  ', false],
    ['[2606:4700::1111]]', true],
    ['[[2606:4700::1111]', true],
    ['example.com', false],
    ['example.com.', false],
    ['notlocalhost', false],
    ['mylocal', false],
    ['internal.example.com', false],
    ['localhost.example.com', false],
    ['lan.example.com', false],
    ['home.arpa.example.com', false],
  ])('%j is private: %s', (name, expected) => {
    expect(isPrivateHost(name)).toBe(expected);
  });
});

describe('parseIpAddress, as a DNS answer is read before connecting', () => {
  it.each([
    ['127.0.0.1', { version: 4, bytes: [127, 0, 0, 1] }],
    ['255.255.255.255', { version: 4, bytes: [255, 255, 255, 255] }],
    ['[::1]', { version: 6, groups: [0, 0, 0, 0, 0, 0, 0, 1] }],
    ['fe80::1%eth0', { version: 6, groups: [0xfe80, 0, 0, 0, 0, 0, 0, 1] }],
    ['1:2:3:4:5:6:7:8', { version: 6, groups: [1, 2, 3, 4, 5, 6, 7, 8] }],
    ['ABCD:EF01::', { version: 6, groups: [0xabcd, 0xef01, 0, 0, 0, 0, 0, 0] }],
    ['1::8', { version: 6, groups: [1, 0, 0, 0, 0, 0, 0, 8] }],
    ['1:2:3:4:5:6::8', { version: 6, groups: [1, 2, 3, 4, 5, 6, 0, 8] }],
    ['::ffff:169.254.169.254', { version: 6, groups: [0, 0, 0, 0, 0, 0xffff, 0xa9fe, 0xa9fe] }],
    ['1:2:3:4:5:6:10.0.0.1', { version: 6, groups: [1, 2, 3, 4, 5, 6, 0x0a00, 0x0001] }],
    ['::10.0.0.1', { version: 6, groups: [0, 0, 0, 0, 0, 0, 0x0a00, 0x0001] }],
    ['1::10.0.0.1', { version: 6, groups: [1, 0, 0, 0, 0, 0, 0x0a00, 0x0001] }],
  ])('reads %s', (text, expected) => {
    expect(parseIpAddress(text)).toEqual(expected);
  });

  it.each([
    ['an IPv4 byte over 255', '127.0.0.256'],
    ['an IPv4 address with five parts', '1.2.3.4.5'],
    ['an IPv4 address with a part of four digits', '1.2.3.1000'],
    ['an IPv4 address with text around it', 'x1.2.3.4'],
    ['an IPv4 address with text after it', '1.2.3.4x'],
    ['a name', 'example.com'],
    ['nine groups', '1:2:3:4:5:6:7:8:9'],
    ['seven groups without ::', '1:2:3:4:5:6:7'],
    ['eight groups and ::', '1:2:3:4::5:6:7:8'],
    ['two ::', '1::2::3'],
    ['a group of five digits', '12345::1'],
    ['a group that is not hex', 'g::1'],
    ['an empty group', '1:2:3:4:5:6:7:'],
    ['an IPv4 tail with a byte over 255', '::ffff:1.2.3.256'],
    ['an IPv4 tail not after a colon', '::ffff1.2.3.4'],
    ['an IPv4 tail after seven groups', '1:2:3:4:5:6:7:1.2.3.4'],
    ['an IPv4 tail after six groups and ::', '1:2:3:4:5::6:1.2.3.4'],
    ['an IPv4 part followed by more groups', '::1.2.3.4:5'],
    ['a second opening bracket', '[[::1]'],
    ['a second closing bracket', '[::1]]'],
  ])('refuses %s (%s)', (_kind, text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});

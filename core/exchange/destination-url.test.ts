import { normalizeNodeUrl, sameNodeUrl } from './destination-url';

/** The refusal's message for a typed Destination Instance URL, or the URL kept when it is accepted. */
function outcome(text: string, allowPrivateDestinations = false): string {
  const result = normalizeNodeUrl(text, allowPrivateDestinations);
  if (result.ok) return `accepted ${result.value}`;
  expect(result.error.code).toBe('destination_invalid');
  return result.error.message;
}

describe('normalizeNodeUrl: what an admin types as Destination Instance URL', () => {
  it.each([
    ['https://exalate.example.com', 'accepted https://exalate.example.com'],
    ['  https://exalate.example.com/  ', 'accepted https://exalate.example.com'],
    ['https://exalate.example.com///', 'accepted https://exalate.example.com'],
    ['https://EXALATE.example.com/Node/', 'accepted https://exalate.example.com/Node'],
    ['https://exalate.example.com:8443/base/node', 'accepted https://exalate.example.com:8443/base/node'],
    ['http://exalate.example.com/', 'accepted http://exalate.example.com'],
  ])('keeps %j as %j', (text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it('refuses text that is not a web address, quoting what was typed', () => {
    expect(outcome('  exalate dot example  ')).toBe(
      '"exalate dot example" is not a web address. Enter the full Destination Instance URL, starting with https://.',
    );
  });

  it('quotes at most 200 characters of a long non-address', () => {
    const message = outcome(`x${'y'.repeat(400)}`);
    expect(message).toBe(`"x${'y'.repeat(199)}" is not a web address. Enter the full Destination Instance URL, starting with https://.`);
  });

  it.each(['ftp://exalate.example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://exalate.example.com/'])('refuses the scheme of %s', (text) => {
    expect(outcome(text)).toBe('The Destination Instance URL must start with https:// (or http:// for a test instance).');
  });

  it.each(['https://admin:secret@exalate.example.com/', 'https://admin@exalate.example.com/', 'https://:secret@exalate.example.com/'])(
    'refuses credentials in %s',
    (text) => {
      expect(outcome(text)).toBe('Remove the user name and password from the Destination Instance URL; nodes authenticate each other with keys.');
    },
  );

  it.each(['https://exalate.example.com/?a=1', 'https://exalate.example.com/#top'])('refuses the extra parts of %s', (text) => {
    expect(outcome(text)).toBe('Enter the Destination Instance URL without "?" or "#" parts.');
  });

  it('names the private address it refuses, and allows it where private destinations are allowed', () => {
    expect(outcome('http://10.0.0.8:8080/node')).toContain('(10.0.0.8)');
    expect(outcome('http://10.0.0.8:8080/node/', true)).toBe('accepted http://10.0.0.8:8080/node');
  });
});

describe('sameNodeUrl: is the acceptor the intended destination', () => {
  it.each([
    ['https://node.example.com', 'https://node.example.com/'],
    ['https://node.example.com//', 'https://node.example.com'],
    ['https://NODE.example.com/Path', 'https://node.example.com/path/'],
  ])('%s and %s are the same node', (left, right) => {
    expect(sameNodeUrl(left, right)).toBe(true);
    expect(sameNodeUrl(right, left)).toBe(true);
  });

  it.each([
    ['https://node.example.com', 'https://node.example.com.evil.example'],
    ['https://node.example.com/a', 'https://node.example.com/b'],
    ['https://node.example.com/', 'http://node.example.com/'],
    ['https://node.example.com/a/', 'https://node.example.com/a/b'],
  ])('%s and %s are different nodes', (left, right) => {
    expect(sameNodeUrl(left, right)).toBe(false);
    expect(sameNodeUrl(right, left)).toBe(false);
  });
});

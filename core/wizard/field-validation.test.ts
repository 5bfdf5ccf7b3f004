import { deriveConnectionName } from './connection-information';
import { normaliseDestinationUrl, normaliseInvitationCode, validateConnectionName, validateDescription, validateShortName } from './field-validation';
import { formatExpiry } from './invitation-summary';
import { messages } from './messages';

// The shape of the address is judged by the node's own reader (core/exchange/destination-url.ts);
// these rows pin the words the admin reads on the destination step.
const notAnAddress = (input: string): string => `"${input}" is not a web address. Enter the full Destination Instance URL, starting with https://.`;
const wrongScheme = 'The Destination Instance URL must start with https:// (or http:// for a test instance).';

describe('Destination Instance URL', () => {
  test.each([
    ['https://partner.visualstudio.com', { ok: true, value: 'https://partner.visualstudio.com' }],
    ['  https://partner.visualstudio.com//  ', { ok: true, value: 'https://partner.visualstudio.com' }],
    ['HTTPS://Acme.Atlassian.net/jira/', { ok: true, value: 'https://acme.atlassian.net/jira' }],
    ['http://localhost:8080/jira-server', { ok: true, value: 'http://localhost:8080/jira-server' }],
    ['', { ok: false, error: messages.destinationUrlRequired }],
    ['\t', { ok: false, error: messages.destinationUrlRequired }],
    ['acme.atlassian.net', { ok: false, error: notAnAddress('acme.atlassian.net') }],
    ['https://', { ok: false, error: notAnAddress('https://') }],
    [' https://acme .atlassian.net ', { ok: false, error: notAnAddress('https://acme .atlassian.net') }],
    ['mailto:admin@acme.example', { ok: false, error: wrongScheme }],
    ['javascript:alert(1)', { ok: false, error: wrongScheme }],
    ['ftp://partner.example', { ok: false, error: wrongScheme }],
    [
      'https://user@acme.example',
      { ok: false, error: 'Remove the user name and password from the Destination Instance URL; nodes authenticate each other with keys.' },
    ],
    ['https://acme.example/?tab=general', { ok: false, error: 'Enter the Destination Instance URL without "?" or "#" parts.' }],
  ] as const)('%j', (input, expected) => {
    expect(normaliseDestinationUrl(input)).toEqual(expected);
  });
});

describe('short names', () => {
  test.each([
    ['acme-jira', null],
    ['ACME_2', null],
    [' acme ', null],
    ['a'.repeat(40), null],
    ['', messages.localNameRequired],
    ['  ', messages.localNameRequired],
    ['a'.repeat(41), messages.shortNameInvalid],
    ['acme jira', messages.shortNameInvalid],
    ['acme/jira', messages.shortNameInvalid],
    ['société', messages.shortNameInvalid],
  ] as const)('%j', (input, expected) => {
    expect(validateShortName(input, messages.localNameRequired)).toBe(expected);
  });
});

describe('connection name and description', () => {
  test.each([
    ['acme_to_partner', null],
    ['Support escalations (EU)', null],
    ['n'.repeat(100), null],
    ['🚀'.repeat(50), null],
    ['🚀'.repeat(51), 'Shorten the connection name to 100 characters or fewer (it has 102).'],
    ['n'.repeat(101), 'Shorten the connection name to 100 characters or fewer (it has 101).'],
    ['', messages.connectionNameRequired],
    ['a\r\nb', messages.connectionNameLineBreak],
  ] as const)('connection name %j', (input, expected) => {
    expect(validateConnectionName(input)).toBe(expected);
  });

  test.each([
    ['', null],
    ['d'.repeat(1000), null],
    [`  ${'d'.repeat(1000)}  `, null],
    ['d'.repeat(1001), 'Shorten the description to 1000 characters or fewer (it has 1001).'],
  ] as const)('description of %#', (input, expected) => {
    expect(validateDescription(input)).toBe(expected);
  });
});

describe('derived values', () => {
  test.each([
    ['acme', 'partner', 'acme_to_partner'],
    ['acme', '', 'acme_to_'],
    ['', 'partner', '_to_partner'],
    ['', '', ''],
    [' acme ', ' partner ', 'acme_to_partner'],
  ] as const)('connection name from %j and %j', (local, remote, expected) => {
    expect(deriveConnectionName(local, remote)).toBe(expected);
  });

  test.each([
    [' EXA1.ab\r\ncd\tef \u00a0gh ', 'EXA1.abcdefgh'],
    ['"exa1.ab\u200bcd"', 'exa1.abcd'],
    ['`exa1.abcd`\n', 'exa1.abcd'],
    [' "" ', ''],
  ])('the invitation code %j is read as %j', (input, expected) => {
    expect(normaliseInvitationCode(input)).toBe(expected);
  });

  test.each([
    [Date.UTC(2026, 10, 25, 14, 5, 59), '2026-11-25 14:05 UTC'],
    [0, '1970-01-01 00:00 UTC'],
    ['2026-11-25T14:00:00.000Z', '2026-11-25 14:00 UTC'],
    ['not a date', 'unknown'],
    [Number.NaN, 'unknown'],
    [Number.POSITIVE_INFINITY, 'unknown'],
    [9e15, 'unknown'],
  ])('expiry %p reads %p', (expiresAt, expected) => {
    expect(formatExpiry(expiresAt)).toBe(expected);
  });
});

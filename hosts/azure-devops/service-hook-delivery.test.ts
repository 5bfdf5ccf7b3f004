import { readChangeEvent } from './change-intake';

const secret = 'hook-secret';
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
const event = (value: unknown) => JSON.stringify(value);
const withPassword = { authorization: basic(`exalate:${secret}`) };
const keysOf = (rawBody: string) => readChangeEvent({ headers: withPassword, rawBody }, secret);
const created = event({ eventType: 'workitem.created', resource: { id: 7 } });

describe('the basic-auth password of an Azure DevOps service hook call', () => {
  it.each([
    ['after any run of spaces', `Basic   ${Buffer.from(`exalate:${secret}`).toString('base64')}`],
    ['followed by spaces', `${basic(`exalate:${secret}`)}  `],
    ['in lower case', `basic ${Buffer.from(`exalate:${secret}`).toString('base64')}`],
    ['with an empty user name', basic(`:${secret}`)],
  ])('is taken %s', (_case, authorization) => {
    expect(readChangeEvent({ headers: { authorization }, rawBody: created }, secret)).toEqual({ ok: true, value: { itemKeys: ['7'] } });
  });

  it.each([
    ['the secret with no colon before it', basic(secret)],
    ['a scheme that only ends in Basic', `NotBasic ${Buffer.from(`exalate:${secret}`).toString('base64')}`],
    ['more text after the credentials', `${basic(`exalate:${secret}`)} extra`],
  ])('is refused as %s, saying how to register the service hook again', (_case, authorization) => {
    expect(readChangeEvent({ headers: { authorization }, rawBody: created }, secret)).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'unauthorized',
        message:
          'An Azure DevOps service hook call came without the secret this node registered. If the service hook was edited or copied by hand, delete it in Project settings → Service hooks and let the node register it again.',
        details: { tracker: 'azure-devops' },
      }),
    });
  });
});

describe('the work item an Azure DevOps service hook event names', () => {
  it('says an unreadable body is not an event the node can read', () => {
    expect(keysOf('<html>')).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringMatching(/^An Azure DevOps service hook call did not carry an event the node can read \(.+\)\.$/),
        details: { tracker: 'azure-devops' },
      }),
    });
  });

  it('names no item for an event that is not about work items, whatever its resource id', () => {
    expect(keysOf(event({ eventType: 'build.complete', resource: { id: 9 } }))).toEqual({ ok: true, value: { itemKeys: [] } });
  });

  it('reads the work item of events other than updates from the resource id', () => {
    expect(keysOf(event({ eventType: 'workitem.commented', resource: { id: '12', workItemId: 99 } }))).toEqual({ ok: true, value: { itemKeys: ['12'] } });
  });

  it("reads an update's work item from revision.id when workItemId is absent", () => {
    expect(keysOf(event({ eventType: 'workitem.updated', resource: { id: 3, revision: { id: 42 } } }))).toEqual({ ok: true, value: { itemKeys: ['42'] } });
  });

  it.each([
    ['no resource', { eventType: 'workitem.created' }],
    ['a null id', { eventType: 'workitem.created', resource: { id: null } }],
    ['an id that only ends in digits', { eventType: 'workitem.deleted', resource: { id: 'vstfs:///WorkItemTracking/WorkItem/12' } }],
    ['an id that only starts with digits', { eventType: 'workitem.restored', resource: { id: '12; and more' } }],
  ])('names no item for an event with %s', (_case, body) => {
    expect(keysOf(event(body))).toEqual({ ok: true, value: { itemKeys: [] } });
  });
});

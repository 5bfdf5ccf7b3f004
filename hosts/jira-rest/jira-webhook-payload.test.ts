import { readJiraWebhookPayload } from './jira-webhook-payload';

/** What a Jira webhook delivery names, read after its signature was checked (Cloud and Data Center alike). */
describe('readJiraWebhookPayload', () => {
  const read = (payload: unknown) => readJiraWebhookPayload(JSON.stringify(payload));

  it('refuses a body that is not a Jira webhook payload, saying what it is not', () => {
    const refused = readJiraWebhookPayload('{"event":"push"}');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_request');
      expect(refused.error.message).toMatch(/^The webhook delivery is not a Jira webhook payload \(.+\)\.$/);
    }
  });

  it('names the issue of a comment event by the issue id in its comment link when the event carries no issue', () => {
    const change = read({ webhookEvent: 'comment_created', comment: { self: 'https://jira.example.com/rest/api/2/issue/10010/comment/10000' } });
    expect(change).toEqual({ ok: true, value: { itemKeys: ['10010'] } });
  });

  it('tells what an edit changed from its changelog, by field id (the name where there is none), and nothing for other events', () => {
    const changelog = {
      id: '1',
      items: [
        { field: 'summary', fieldId: 'summary', fromString: 'old', toString: 'new' },
        { field: 'Sprint', toString: null },
      ],
    };
    expect(read({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7' }, changelog })).toEqual({
      ok: true,
      value: {
        itemKeys: ['SUP-7'],
        changed: new Map([
          [
            'SUP-7',
            [
              { field: 'summary', to: 'new' },
              { field: 'Sprint', to: null },
            ],
          ],
        ]),
      },
    });
    expect(read({ webhookEvent: 'jira:issue_created', issue: { key: 'SUP-7' }, changelog })).toEqual({ ok: true, value: { itemKeys: ['SUP-7'] } });
    // A changelog it cannot read is left out: the issue is read, as for any edit.
    expect(read({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7' }, changelog: { items: 'x' } })).toEqual({
      ok: true,
      value: { itemKeys: ['SUP-7'] },
    });
  });

  it('prefers the issue key to its id, and the id to the comment link', () => {
    const self = 'https://jira.example.com/rest/api/2/issue/10010/comment/10000';
    expect(read({ webhookEvent: 'comment_updated', issue: { key: 'SUP-7', id: '10010' }, comment: { self } })).toMatchObject({
      value: { itemKeys: ['SUP-7'] },
    });
    expect(read({ webhookEvent: 'comment_updated', issue: { id: '10011' }, comment: { self } })).toMatchObject({ value: { itemKeys: ['10011'] } });
  });

  it('refuses an item event that names no issue, in words that say the node cannot tell what changed', () => {
    const refused = read({ webhookEvent: 'jira:issue_updated', comment: { self: 'https://jira.example.com/rest/api/2/project/10000' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('invalid_request');
      expect(refused.error.message).toBe('The Jira jira:issue_updated delivery names no issue; the node cannot tell what changed.');
    }
  });

  it('names nothing for an event that is not about an item', () => {
    expect(read({ webhookEvent: 'project_created', issue: { key: 'SUP-1' } })).toEqual({ ok: true, value: { itemKeys: [] } });
  });
});

import { JiraOwnEdits, jiraOwnEditTimes } from './jira-own-edits';

/**
 * The webhook of an edit the node made is told by its changelog: exactly the fields written, each
 * to the value written. Anything else (another field, another value, a second event) is someone's
 * edit and must be read, so it gets no time from here.
 */
describe("Jira's own edits, told by their changelog", () => {
  let now = 0;
  const clock = { now: () => now };
  const readTime = '2026-12-07T09:00:00.000+0000';

  beforeEach(() => {
    now = 0;
  });

  it('tells the edit it expects once, with the time of the read it was planned on', () => {
    const edits = new JiraOwnEdits(clock);
    edits.expect('SUP-1', new Map([['summary', 'Printer on fire']]), readTime);

    expect(edits.recognise('SUP-1', [{ field: 'summary', to: 'Printer on fire' }])).toBe(readTime);
    // The same changelog again is someone setting the same value later: read it.
    expect(edits.recognise('SUP-1', [{ field: 'summary', to: 'Printer on fire' }])).toBeUndefined();
  });

  it('does not take another value, another field, more fields, or another issue for its edit, and keeps waiting for it', () => {
    const edits = new JiraOwnEdits(clock);
    edits.expect('SUP-1', new Map([['status', 'In Progress']]), readTime);

    expect(edits.recognise('SUP-1', [{ field: 'status', to: 'Done' }])).toBeUndefined();
    expect(edits.recognise('SUP-1', [{ field: 'summary', to: 'In Progress' }])).toBeUndefined();
    expect(
      edits.recognise('SUP-1', [
        { field: 'status', to: 'In Progress' },
        { field: 'priority', to: 'High' },
      ]),
    ).toBeUndefined();
    expect(edits.recognise('SUP-2', [{ field: 'status', to: 'In Progress' }])).toBeUndefined();
    expect(edits.recognise('SUP-1', [{ field: 'status', to: 'In Progress' }])).toBe(readTime);
  });

  it('forgets an edit whose webhook never came, and one whose write failed', () => {
    const edits = new JiraOwnEdits(clock);
    edits.expect('SUP-1', new Map([['summary', 'a']]), readTime);
    now = 60_001;
    expect(edits.recognise('SUP-1', [{ field: 'summary', to: 'a' }])).toBeUndefined();

    edits.expect('SUP-2', new Map([['summary', 'b']]), readTime);
    edits.forget('SUP-2');
    expect(edits.recognise('SUP-2', [{ field: 'summary', to: 'b' }])).toBeUndefined();
  });

  it("gives a delivery's issues their times only where the changelog is the node's own edit", () => {
    const edits = new JiraOwnEdits(clock);
    edits.expect('SUP-1', new Map([['summary', 'mine']]), readTime);
    const times = jiraOwnEditTimes(edits, {
      changed: new Map([
        ['SUP-1', [{ field: 'summary', to: 'mine' }]],
        ['SUP-3', [{ field: 'summary', to: 'theirs' }]],
      ]),
    });
    expect([...times]).toEqual([['SUP-1', readTime]]);
    expect(jiraOwnEditTimes(edits, {}).size).toBe(0);
  });
});

import { richTextFromPlain } from '../rich-text/rich-text';
import type { Replica } from '../replica/replica-schema';
import { createQuickJsSandbox } from './quickjs-sandbox';
import { runIncomingScript, type IncomingScriptInput } from './run-incoming-script';
import { bob, connectionBetween, sampleItems } from './test-fixtures';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const local = sampleItems['jira-cloud'];
const remoteComment = (id: string, text: string, extra: Partial<NonNullable<Replica['comments']>[number]> = {}) => ({
  id,
  author: { email: 'carol@partner.example', displayName: 'Carol Remote' },
  body: richTextFromPlain(text),
  created: '2026-11-23T09:00:00Z',
  updated: '2026-11-23T09:00:00Z',
  ...extra,
});
const replica: Replica = {
  key: '42',
  type: 'User Story',
  summary: local.summary,
  description: local.description,
  status: { name: 'Active' },
  priority: { name: '2' },
  labels: ['export'],
  comments: [],
  attachments: [],
  customFields: { 'Microsoft.VSTS.Scheduling.StoryPoints': 8 },
};

function input(script: string, overrides: Partial<IncomingScriptInput> = {}): IncomingScriptInput {
  return {
    script,
    issue: local,
    replica,
    previous: null,
    firstSync: false,
    connection: connectionBetween('jira-cloud', 'azure-devops'),
    commentLinks: [],
    attachmentLinks: [],
    syncedKeys: [],
    defaultProjectKey: 'SUP',
    ...overrides,
  };
}

async function planOf(script: string, overrides: Partial<IncomingScriptInput> = {}) {
  const result = await runIncomingScript(sandbox, input(script, overrides));
  if (!result.ok) throw result.error;
  return result.value;
}

describe('incoming script', () => {
  describe('computes a diff, never a blind overwrite', () => {
    it('changes nothing when the script sets fields to the values they have', async () => {
      const plan = await planOf(
        'issue.summary = replica.summary;\nissue.description = replica.description;\nissue.status = "In Progress";\nissue.labels = ["customer", "export"];',
      );
      expect(plan.changes).toEqual({});
    });

    it('changes only what the script changed', async () => {
      const plan = await planOf(
        "issue.summary = 'Renamed';\nissue.priority = 'Highest';\nissue.customFields['Story Points'].value = replica.customFields['Microsoft.VSTS.Scheduling.StoryPoints'].value;",
      );
      expect(plan.changes).toEqual({ summary: 'Renamed', priority: 'Highest', customFields: { 'Story Points': 8 } });
    });

    it('takes plain text for rich text fields', async () => {
      const plan = await planOf("issue.description = nodeHelper.stripHtml('<p>Hello &amp; <b>welcome</b></p><p>Line two</p>');");
      expect(plan.changes).toEqual({ description: richTextFromPlain('Hello & welcome\nLine two') });
    });
  });

  describe('statusHelper.map', () => {
    const script = "issue.status = statusHelper.map(replica.status, { 'New': 'To Do', 'Active': 'In Progress', 'Closed': 'Done' }, issue.status);";

    it('maps a known status', async () => {
      expect((await planOf(script, { replica: { ...replica, status: { name: 'Closed' } } })).changes).toEqual({ status: 'Done' });
    });

    it('matches names ignoring case', async () => {
      expect((await planOf(script, { replica: { ...replica, status: { name: 'closed' } } })).changes).toEqual({ status: 'Done' });
    });

    it('falls back, here to the current status, for a status not in the map', async () => {
      expect((await planOf(script, { replica: { ...replica, status: { name: 'Waiting for Customer' } } })).changes).toEqual({});
      const toDefault = "issue.status = statusHelper.map(replica.status, { 'Active': 'In Progress' }, 'To Do');";
      expect((await planOf(toDefault, { replica: { ...replica, status: { name: 'Waiting' } } })).changes).toEqual({ status: 'To Do' });
    });
  });

  describe('commentHelper.mergeComments', () => {
    const merge = 'commentHelper.mergeComments(issue, replica);';

    it('adds new remote comments, prefixed with the remote author', async () => {
      const plan = await planOf(merge, { replica: { ...replica, comments: [remoteComment('r1', 'Hello from ADO')] } });
      expect(plan.commentsToAdd).toEqual([
        {
          remoteId: 'r1',
          body: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: '[Carol Remote]: ' },
                  { type: 'text', text: 'Hello from ADO' },
                ],
              },
            ],
          },
        },
      ]);
      expect(plan.commentsToUpdate).toEqual([]);
    });

    it("skips comments that are copies of this side's own (echoOf), so nothing echoes back", async () => {
      const plan = await planOf(merge, { replica: { ...replica, comments: [remoteComment('r2', 'I can reproduce it.', { echoOf: '10001' })] } });
      expect(plan.commentsToAdd).toEqual([]);
      expect(plan.commentsToUpdate).toEqual([]);
    });

    it('updates a linked comment edited remotely since the last replica, and leaves unchanged ones alone', async () => {
      const links = {
        commentLinks: [
          { remoteId: 'r1', localId: '10001' },
          { remoteId: 'r3', localId: '10001' },
        ],
      };
      const previous: Replica = { ...replica, comments: [remoteComment('r1', 'First words'), remoteComment('r3', 'Same')] };
      const edited: Replica = { ...replica, comments: [remoteComment('r1', 'Edited words', { updated: '2026-11-23T11:00:00Z' }), remoteComment('r3', 'Same')] };
      const plan = await planOf(merge, { ...links, previous, replica: edited });
      expect(plan.commentsToAdd).toEqual([]);
      expect(plan.commentsToUpdate).toEqual([{ localId: '10001', remoteId: 'r1', body: richTextFromPlainWithPrefix('[Carol Remote]: ', 'Edited words') }]);
    });

    it('without a previous replica, compares the text it would write with the local comment', async () => {
      const links = { commentLinks: [{ remoteId: 'r1', localId: '10001' }] };
      const same = await planOf('commentHelper.mergeComments(issue, replica, (comment) => comment);', {
        ...links,
        replica: { ...replica, comments: [remoteComment('r1', 'I can reproduce it.')] },
      });
      expect(same.commentsToUpdate).toEqual([]);
      const different = await planOf('commentHelper.mergeComments(issue, replica, (comment) => comment);', {
        ...links,
        replica: { ...replica, comments: [remoteComment('r1', 'Cannot reproduce.')] },
      });
      expect(different.commentsToUpdate).toEqual([{ localId: '10001', remoteId: 'r1', body: richTextFromPlain('Cannot reproduce.') }]);
    });

    it('does not bring back a linked comment that was deleted here', async () => {
      const plan = await planOf(merge, {
        commentLinks: [{ remoteId: 'r1', localId: 'gone' }],
        replica: { ...replica, comments: [remoteComment('r1', 'Edited')] },
      });
      expect(plan.commentsToAdd).toEqual([]);
      expect(plan.commentsToUpdate).toEqual([]);
    });

    it('lets a transform change the body, keep the prefix, or skip a comment', async () => {
      const script = [
        'commentHelper.mergeComments(issue, replica, (comment) => {',
        '  if (comment.body.content.length === 0) return null;',
        "  if (comment.id === 'r2') return 'Internal note: ' + nodeHelper.stripHtml(comment.body);",
        '  comment.body = commentHelper.withAuthorPrefix(comment);',
        '});',
      ].join('\n');
      const comments = [
        remoteComment('r1', 'Kept'),
        remoteComment('r2', 'Rewritten'),
        { ...remoteComment('r3', ''), body: { type: 'doc' as const, content: [] } },
      ];
      const plan = await planOf(script, { replica: { ...replica, comments } });
      expect(plan.commentsToAdd).toEqual([
        { remoteId: 'r1', body: richTextFromPlainWithPrefix('[Carol Remote]: ', 'Kept') },
        { remoteId: 'r2', body: richTextFromPlain('Internal note: Rewritten') },
      ]);
    });

    it("says so at the script's line when a transform returns something unusable", async () => {
      const result = await runIncomingScript(
        sandbox,
        input('commentHelper.mergeComments(issue, replica, (comment) => {\n  return 42;\n});', {
          replica: { ...replica, comments: [remoteComment('r1', 'x')] },
        }),
      );
      expect(result.ok ? null : [result.error.kind, result.error.line, result.error.detail]).toEqual([
        'thrown',
        1,
        'TypeError: commentHelper.mergeComments: the transform must return the comment, a new body, or null to skip the comment.',
      ]);
    });

    it('adds each comment once when called twice', async () => {
      const plan = await planOf(`${merge}\n${merge}`, { replica: { ...replica, comments: [remoteComment('r1', 'Once')] } });
      expect(plan.commentsToAdd).toHaveLength(1);
    });
  });

  describe('attachmentHelper.mergeAttachments', () => {
    it('adds attachments not yet linked and skips linked ones and echoes', async () => {
      const attachments = [
        { id: 'x1', filename: 'new.png', mimeType: 'image/png', size: 10 },
        { id: 'x2', filename: 'linked.png', mimeType: 'image/png', size: 10 },
        { id: 'x3', filename: 'ours.png', mimeType: 'image/png', size: 10, echoOf: '20001' },
      ];
      const plan = await planOf('attachmentHelper.mergeAttachments(issue, replica);', {
        replica: { ...replica, attachments },
        attachmentLinks: [{ remoteId: 'x2', localId: '20002' }],
      });
      expect(plan.attachmentsToAdd).toEqual([{ remoteId: 'x1', filename: 'new.png', mimeType: 'image/png' }]);
    });
  });

  it('merges only the attachments the script passes on, as Exalate scripts filter them', async () => {
    const attachments = [
      { id: 'x1', filename: 'small.png', mimeType: 'image/png', size: 10 },
      { id: 'x2', filename: 'huge.iso', mimeType: 'application/octet-stream', size: 5_000_000_000 },
    ];
    const plan = await planOf(
      'attachmentHelper.mergeAttachments(issue, { ...replica, attachments: replica.attachments.filter((attachment) => attachment.size < 10_000_000) });',
      { replica: { ...replica, attachments } },
    );
    expect(plan.attachmentsToAdd.map((attachment) => attachment.remoteId)).toEqual(['x1']);
  });

  describe('tracker words', () => {
    it('writes Azure DevOps areaPath, iterationPath and raw reference names to their fields', async () => {
      const script =
        "workItem.areaPath = 'Platform\\\\Support';\nworkItem['Microsoft.VSTS.Common.AcceptanceCriteria'] = 'Export works for 5 GB';\nworkItem.iterationPath = workItem.iterationPath;";
      const plan = await planOf(script, { issue: sampleItems['azure-devops'], connection: connectionBetween('azure-devops', 'jira-cloud') });
      expect(plan.changes).toEqual({
        customFields: { 'System.AreaPath': 'Platform\\Support', 'Microsoft.VSTS.Common.AcceptanceCriteria': 'Export works for 5 GB' },
      });
    });

    it('reads and writes Asana completed and due', async () => {
      const script = "if (!entity.completed && replica.status?.name === 'Closed') entity.completed = true;\nentity.due = '2026-12-24';";
      const plan = await planOf(script, {
        issue: sampleItems.asana,
        connection: connectionBetween('asana', 'azure-devops'),
        replica: { ...replica, status: { name: 'Closed' } },
      });
      expect(plan.changes).toEqual({ status: 'completed', customFields: { due_on: '2026-12-24' } });
    });
  });

  describe('first sync', () => {
    it('creates the item in the connection project, with Task when the script names no type', async () => {
      const plan = await planOf('issue.summary = replica.summary;\ncommentHelper.mergeComments(issue, replica);', {
        issue: null,
        firstSync: true,
        replica: { ...replica, comments: [remoteComment('r1', 'Hi')] },
      });
      expect(plan.create).toEqual({ projectKey: 'SUP', type: 'Task', summary: local.summary });
      expect(plan.changes).toEqual({});
      expect(plan.commentsToAdd).toHaveLength(1);
    });

    it('routes the new item by the remote project and type', async () => {
      const script = [
        'if (firstSync) {',
        "  const projectMapping = { 'Platform': 'PLAT' };",
        "  issue.projectKey = projectMapping[replica.projectKey] ?? 'SUP';",
        "  issue.type = nodeHelper.getIssueType(replica.type === 'User Story' ? 'story' : replica.type) ?? 'Task';",
        '}',
        'issue.summary = replica.summary;',
        'issue.status = statusHelper.map(replica.status, { Active: "In Progress" });',
      ].join('\n');
      const plan = await planOf(script, {
        issue: null,
        firstSync: true,
        replica: { ...replica, projectKey: 'Platform' },
        issueTypes: ['Bug', 'Story', 'Task'],
      });
      expect(plan.create).toEqual({ projectKey: 'PLAT', type: 'Story', summary: local.summary, status: 'In Progress' });
    });

    it('creates nothing when the script returns before setting a summary', async () => {
      const plan = await planOf("if (replica.type !== 'Bug') return;\nissue.summary = replica.summary;\ncommentHelper.mergeComments(issue, replica);", {
        issue: null,
        firstSync: true,
        replica: { ...replica, comments: [remoteComment('r1', 'Hi')] },
      });
      expect(plan).toMatchObject({ create: null, changes: {}, commentsToAdd: [] });
    });
  });

  describe('other helpers', () => {
    it('collects users to look up by email and assigns by email', async () => {
      const plan = await planOf(
        `issue.assignee = nodeHelper.getUserByEmail('${bob.email}');\nnodeHelper.getUserByEmail('');\nnodeHelper.getUserByEmail('Someone@Example.com');`,
      );
      expect(plan.changes).toEqual({ assigneeEmail: bob.email });
      expect(plan.userLookups).toEqual([bob.email, 'someone@example.com']);
    });

    it('records transitions and the wish to unlink', async () => {
      const plan = await planOf("workflowHelper.transition(issue, 'Resolve Issue');\nsyncHelper.unlinkAfterProcessing();");
      expect(plan).toMatchObject({ transitions: ['Resolve Issue'], unlinkAfterProcessing: true, changes: {} });
    });

    it('answers isUnderSync from the keys the engine passed, for an early return', async () => {
      const script = "if (syncHelper.isUnderSync('SUP-99')) return;\nissue.summary = 'changed';";
      expect((await planOf(script, { syncedKeys: ['SUP-99'] })).changes).toEqual({});
      expect((await planOf(script, { syncedKeys: [] })).changes).toEqual({ summary: 'changed' });
    });

    it('finds the local twin of a remote parent', async () => {
      const plan = await planOf('issue.parentKey = syncHelper.getLocalKey(replica.parent?.key);', {
        replica: { ...replica, parent: { key: '40' } },
        twinKeys: [{ remoteKey: '40', localKey: 'SUP-1' }],
      });
      expect(plan.changes).toEqual({ parentKey: 'SUP-1' });
    });

    it('reports a helper misuse at the line of the script that called it', async () => {
      const result = await runIncomingScript(sandbox, input('const name = 42;\n\nworkflowHelper.transition(issue, name);'));
      expect(result.ok ? null : [result.error.kind, result.error.line, result.error.message]).toEqual([
        'thrown',
        3,
        'The incoming script threw an error at line 3: TypeError: workflowHelper.transition: give the name of the transition, for example "Start Progress".',
      ]);
    });

    it('names the field when the script sets something unusable', async () => {
      const result = await runIncomingScript(sandbox, input('issue.summary = 42;'));
      expect(result.ok ? null : [result.error.kind, result.error.message]).toEqual([
        'invalid_output',
        'The incoming script produced a value the sync cannot use: issue.summary: must be text.',
      ]);
    });
  });
});

function richTextFromPlainWithPrefix(prefix: string, text: string) {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: prefix },
          { type: 'text', text },
        ],
      },
    ],
  };
}

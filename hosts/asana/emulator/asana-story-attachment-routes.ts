import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boundaryOf, parseMultipart, readQueryParameter } from '../../emulator-kit';
import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaEventOutbox } from './asana-event-outbox';
import type { AsanaStoryRecord } from './asana-records';
import { attachmentFull, plainNotes, storyFull } from './asana-representations';
import type { AsanaRouteKit } from './asana-route-kit';
import { concernsOf } from './asana-task-writes';

type GidRequest = FastifyRequest<{ Params: { gid: string; name?: string } }>;

/** Asana takes files up to 100 MB (developers.asana.com/docs/attachments). */
const maximumFileBytes = 100 * 1024 * 1024;

/** Stories (comments) and attachments of tasks, and the signed download links of attachments. */
export function registerAsanaStoryAndAttachmentRoutes(
  instance: FastifyInstance,
  state: AsanaEmulatorState,
  kit: AsanaRouteKit,
  outbox: AsanaEventOutbox,
): void {
  const onRequest = [...kit.onRequest];
  // A download link is signed, not authenticated: it stands in for Asana's presigned storage URLs.
  const linkKey = `download-links/${state.user.personalAccessToken}`;
  const signatureOf = (gid: string): string => createHmac('sha256', linkKey).update(gid).digest('hex').slice(0, 32);

  instance.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maximumFileBytes }, (_request, body, done) => done(null, body));

  const htmlOrText = (data: Readonly<Record<string, unknown>>): { text: string; htmlText: string } | undefined => {
    if (typeof data['html_text'] === 'string' && /^\s*<body>[\s\S]*<\/body>\s*$/.test(data['html_text']))
      return { htmlText: data['html_text'].trim(), text: plainNotes(data['html_text']) };
    if (typeof data['text'] === 'string' && data['text'] !== '')
      return { text: data['text'], htmlText: `<body>${data['text'].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</body>` };
    return undefined;
  };
  /** `at`: the instant of the change (a new comment's created_at), which the task's modified_at and the event's created_at both take. */
  const storyEvent = (story: AsanaStoryRecord, action: 'added' | 'changed', at: string): void => {
    const task = state.find('tasks', story.taskGid);
    if (task === undefined) return;
    state.save('tasks', { ...task, modifiedAt: at });
    outbox.record({
      action,
      resource: { gid: story.gid, resource_type: 'story', resource_subtype: story.resourceSubtype },
      parent: { gid: task.gid, resource_type: 'task', resource_subtype: task.resourceSubtype },
      at,
      concerns: concernsOf(task, [story.gid]),
    });
  };

  instance.get('/api/1.0/tasks/:gid/stories', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    if (state.find('tasks', gid) === undefined) return kit.refuse(reply, 404, `task: Unknown object: ${gid}`);
    const stories = state
      .list('stories')
      .filter((story) => story.taskGid === gid)
      .map((story) => storyFull(state, story));
    return kit.page(request, reply, stories, (full) => ({
      gid: full['gid'],
      resource_type: 'story',
      created_at: full['created_at'],
      created_by: full['created_by'],
      resource_subtype: full['resource_subtype'],
      text: full['text'],
    }));
  });

  instance.post('/api/1.0/tasks/:gid/stories', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    const data = kit.data(request, reply);
    if (data === undefined) return reply;
    if (state.find('tasks', gid) === undefined) return kit.refuse(reply, 404, `task: Unknown object: ${gid}`);
    const content = htmlOrText(data);
    if (content === undefined) return kit.refuse(reply, 400, 'text: Missing input, or html_text is not XML with a <body> root.');
    const story: AsanaStoryRecord = {
      gid: state.nextGid(),
      taskGid: gid,
      type: 'comment',
      resourceSubtype: 'comment_added',
      ...content,
      createdByGid: state.user.gid,
      createdAt: state.now(),
      isEdited: false,
    };
    state.save('stories', story);
    storyEvent(story, 'added', story.createdAt);
    return reply.code(201).send(kit.one(request, storyFull(state, story)));
  });

  const findStory = (request: FastifyRequest, reply: FastifyReply): AsanaStoryRecord | undefined => {
    const { gid } = (request as GidRequest).params;
    const story = state.find('stories', gid);
    if (story === undefined) kit.refuse(reply, 404, `story: Unknown object: ${gid}`);
    return story;
  };

  instance.get('/api/1.0/stories/:gid', { onRequest }, async (request, reply) => {
    const story = findStory(request, reply);
    return story === undefined ? reply : kit.one(request, storyFull(state, story));
  });

  instance.put('/api/1.0/stories/:gid', { onRequest }, async (request, reply) => {
    const story = findStory(request, reply);
    const data = story === undefined ? undefined : kit.data(request, reply);
    if (story === undefined || data === undefined) return reply;
    if (story.type !== 'comment' || story.createdByGid !== state.user.gid) return kit.refuse(reply, 403, 'You can only edit comments you wrote.');
    const content = htmlOrText(data);
    if (content === undefined) return kit.refuse(reply, 400, 'text: Missing input, or html_text is not XML with a <body> root.');
    const updated = { ...story, ...content, isEdited: true };
    state.save('stories', updated);
    storyEvent(updated, 'changed', state.now());
    return kit.one(request, storyFull(state, updated));
  });

  instance.get('/api/1.0/attachments', { onRequest }, async (request, reply) => {
    const parent = readQueryParameter(request, 'parent');
    if (parent === undefined) return kit.refuse(reply, 400, 'parent: Missing input');
    if (state.find('tasks', parent) === undefined) return kit.refuse(reply, 400, `parent: Not a recognized ID: ${parent}`);
    const attachments = state
      .list('attachments')
      .filter((attachment) => attachment.parentGid === parent)
      .map((attachment) => attachmentFull(state, kit.host(request), attachment, signatureOf(attachment.gid)));
    return kit.page(request, reply, attachments, (full) => ({
      gid: full['gid'],
      resource_type: 'attachment',
      name: full['name'],
      resource_subtype: full['resource_subtype'],
    }));
  });

  instance.get('/api/1.0/attachments/:gid', { onRequest }, async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    const attachment = state.find('attachments', gid);
    if (attachment === undefined) return kit.refuse(reply, 404, `attachment: Unknown object: ${gid}`);
    return kit.one(request, attachmentFull(state, kit.host(request), attachment, signatureOf(gid)));
  });

  instance.post('/api/1.0/attachments', { onRequest }, async (request, reply) => {
    const boundary = boundaryOf(request.headers['content-type']);
    const form = Buffer.isBuffer(request.body) && boundary !== undefined ? parseMultipart(request.body, boundary) : undefined;
    if (form === undefined) return kit.refuse(reply, 400, 'file: Missing input. Upload the file as multipart/form-data.');
    const parent = form.find((part) => part.name === 'parent')?.content.toString('utf8');
    const file = form.find((part) => part.name === 'file');
    if (parent === undefined || state.find('tasks', parent) === undefined) return kit.refuse(reply, 400, `parent: Not a recognized ID: ${parent ?? ''}`);
    if (file === undefined || file.filename === undefined) return kit.refuse(reply, 400, 'file: Missing input');
    const name = form.find((part) => part.name === 'name')?.content.toString('utf8') ?? file.filename;
    const attachment = {
      gid: state.nextGid(),
      parentGid: parent,
      name,
      contentType: file.contentType,
      content: file.content.toString('base64'),
      createdAt: state.now(),
    };
    state.save('attachments', attachment);
    const task = state.find('tasks', parent);
    if (task !== undefined) {
      state.save('tasks', { ...task, modifiedAt: attachment.createdAt });
      outbox.record({
        action: 'added',
        resource: { gid: attachment.gid, resource_type: 'attachment' },
        parent: { gid: task.gid, resource_type: 'task' },
        at: attachment.createdAt,
        concerns: concernsOf(task, [attachment.gid]),
      });
    }
    return kit.one(request, attachmentFull(state, kit.host(request), attachment, signatureOf(attachment.gid)));
  });

  instance.get('/attachment-downloads/:gid/:name', async (request, reply) => {
    const { gid } = (request as GidRequest).params;
    const attachment = state.find('attachments', gid);
    // Like a presigned storage URL: the signature is the credential, and a second one is refused.
    if (request.headers.authorization !== undefined)
      return reply.code(400).type('application/xml').send('<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>');
    if (attachment === undefined || readQueryParameter(request, 'signature') !== signatureOf(gid))
      return reply.code(403).type('application/xml').send('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
    return reply.type(attachment.contentType).send(Buffer.from(attachment.content, 'base64'));
  });
}

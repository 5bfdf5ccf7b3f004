import type { FastifyInstance, FastifyReply } from 'fastify';
import { boundaryOf, parseMultipart, readBooleanParameter } from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';
import { attachmentRepresentation } from './jira-issue-representation';
import { jiraTimestamp } from './jira-representations';
import { apiPrefix, findIssueOr404, representationContext, type JiraRoutesContext } from './jira-routes-context';

/** Jira Cloud's default attachment size limit is 1 GB; the emulator keeps files in memory, so 10 MB. */
const maximumAttachmentBytes = 10 * 1024 * 1024;

/**
 * Attachments, shared by both Jira emulators: multipart upload to `/issue/{key}/attachments` (the
 * `file` parts), which Jira refuses without `X-Atlassian-Token: no-check` (its XSRF check),
 * metadata at `/attachment/{id}`, and content: Cloud at `/rest/api/3/attachment/content/{id}`
 * (303 to the file unless `redirect=false`), Server/DC at its `/secure/attachment/{id}/{filename}`
 * servlet, which also accepts a personal access token.
 */
export function registerJiraAttachmentRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  const api = apiPrefix(context);
  const onRequest = context.authenticated;

  instance.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maximumAttachmentBytes * 2 }, (_request, body, done) =>
    done(null, body),
  );

  instance.post<{ Params: { key: string } }>(`${api}/issue/:key/attachments`, { onRequest }, async (request, reply) => {
    if (request.headers['x-atlassian-token']?.toString().toLowerCase() !== 'no-check') {
      // What Jira answers when the XSRF header is missing.
      return reply.code(403).type('text/plain').send('XSRF check failed');
    }
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const boundary = boundaryOf(request.headers['content-type']);
    const parts = Buffer.isBuffer(request.body) && boundary !== undefined ? parseMultipart(request.body, boundary) : undefined;
    const files = (parts ?? []).filter((part) => part.name === 'file' && part.filename !== undefined);
    if (files.length === 0) return reply.code(400).send(jiraErrorCollection(['No file was attached: send multipart/form-data with a part named "file".']));
    if (files.some((file) => file.content.byteLength > maximumAttachmentBytes))
      return reply.code(413).send(jiraErrorCollection([`The file is larger than the attachment size limit of ${maximumAttachmentBytes} bytes.`]));
    let current = issue;
    const added = files.map((file) => {
      const attachment = context.work.addAttachment(
        current,
        { filename: file.filename!, mimeType: file.contentType, content: file.content },
        context.actorId(),
      );
      current = context.work.issue(issue.key)!;
      return attachment;
    });
    const represent = representationContext(context, request);
    return reply.code(200).send(added.map((attachment) => attachmentRepresentation(represent, attachment)));
  });

  instance.get<{ Params: { id: string } }>(`${api}/attachment/:id`, { onRequest }, async (request, reply) => {
    const found = context.work.attachment(request.params.id);
    if (found === undefined) return reply.code(404).send(jiraErrorCollection([`The attachment with id '${request.params.id}' does not exist`]));
    const represented = attachmentRepresentation(representationContext(context, request), found.attachment);
    // AttachmentMetadata numbers its id, unlike the Attachment of an upload answer.
    return { ...represented, id: Number(found.attachment.id), created: jiraTimestamp(new Date(found.attachment.created)), properties: {} };
  });

  if (context.dialect.restVersion === '3') {
    instance.get<{ Params: { id: string } }>(`${api}/attachment/content/:id`, { onRequest }, async (request, reply) => {
      const found = context.work.attachment(request.params.id);
      if (found === undefined) return reply.code(404).send(jiraErrorCollection([`The attachment with id '${request.params.id}' does not exist`]));
      if (readBooleanParameter(request, 'redirect') !== false) {
        return reply
          .code(303)
          .header('Location', `${context.siteUrl(request)}${api}/attachment/content/${found.attachment.id}?redirect=false`)
          .send();
      }
      return sendFile(reply, found.attachment.mimeType, found.attachment.filename, found.attachment.contentBase64);
    });
  } else {
    instance.get<{ Params: { id: string; filename: string } }>('/secure/attachment/:id/:filename', { onRequest }, async (request, reply) => {
      const found = context.work.attachment(request.params.id);
      if (found === undefined) return reply.code(404).type('text/html').send('<html><body>Attachment not found</body></html>');
      return sendFile(reply, found.attachment.mimeType, found.attachment.filename, found.attachment.contentBase64);
    });
  }
}

function sendFile(reply: FastifyReply, mimeType: string, filename: string, contentBase64: string): FastifyReply {
  return reply
    .code(200)
    .header('Content-Type', mimeType)
    .header('Content-Disposition', `attachment; filename="${filename.replace(/"/g, '')}"`)
    .send(Buffer.from(contentBase64, 'base64'));
}

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readQueryParameter } from '../../emulator-kit';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { failure } from './emulator-failure';
import type { AzureDevOpsRequestKit } from './request-kit';

type AttachmentRequest = FastifyRequest<{ Params: { organization: string; project?: string; id?: string } }>;

const attachmentsResource = { released: { major: 7, minor: 1 } };
/** Azure DevOps Services takes attachments up to 130 MB in one simple upload (chunked beyond). */
const maximumAttachmentBytes = 130 * 1024 * 1024;

/**
 * Attachments (work item tracking 7.1): an upload stores the bytes and answers an AttachmentReference;
 * the file joins a work item only when a JSON Patch adds an `AttachedFile` relation with its URL.
 */
export function registerAttachmentRoutes(instance: FastifyInstance, state: AzureDevOpsEmulatorState, kit: AzureDevOpsRequestKit): void {
  const onRequest = [...kit.onRequest];

  const upload = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as AttachmentRequest;
    const contentType = kit.negotiate(request, reply, attachmentsResource);
    if (contentType === undefined) return reply;
    if (request.params.project !== undefined && kit.project(request as AttachmentRequest & { params: { project: string } }, reply) === undefined) return reply;
    if ((readQueryParameter(request, 'uploadType') ?? 'simple').toLowerCase() !== 'simple') {
      return kit.send(reply, failure(400, 'VssServiceException', 'The emulator accepts simple uploads only (uploadType=simple).'));
    }
    const body = request.body;
    if (!Buffer.isBuffer(body)) {
      return kit.send(
        reply,
        failure(
          415,
          'VssRequestContentTypeNotSupportedException',
          `The request indicated a Content-Type of "${request.headers['content-type'] ?? ''}" for method type "POST" which is not supported. Valid content types for this method are: application/octet-stream.`,
        ),
      );
    }
    const id = randomUUID();
    const fileName = readQueryParameter(request, 'fileName') ?? 'attachment';
    state.saveAttachment({ id, fileName, content: body.toString('base64'), createdDate: state.now() });
    return reply.type(contentType).send({ id, url: `${kit.organizationUrl(request)}/_apis/wit/attachments/${id}?fileName=${encodeURIComponent(fileName)}` });
  };

  const download = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as AttachmentRequest;
    const contentType = kit.negotiate(request, reply, attachmentsResource);
    if (contentType === undefined) return reply;
    const attachment = state.findAttachment(request.params.id ?? '');
    if (attachment === undefined)
      return kit.send(reply, failure(404, 'AttachmentNotFoundException', `VS402700: The attachment ${request.params.id ?? ''} cannot be found.`));
    const fileName = readQueryParameter(request, 'fileName') ?? attachment.fileName;
    const disposition = readQueryParameter(request, 'download')?.toLowerCase() === 'true' ? 'attachment' : 'inline';
    return reply
      .type('application/octet-stream')
      .header('Content-Disposition', `${disposition}; filename="${fileName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .send(Buffer.from(attachment.content, 'base64'));
  };

  for (const base of ['/:organization', '/:organization/:project']) {
    instance.post(`${base}/_apis/wit/attachments`, { onRequest, bodyLimit: maximumAttachmentBytes }, upload);
    instance.get(`${base}/_apis/wit/attachments/:id`, { onRequest }, download);
  }
}

/**
 * Reads a multipart/form-data body (RFC 7578) into its parts: enough for attachment uploads
 * (Jira's `file` parts; Asana's `parent`, `file` and `name`) without a multipart plugin. Bytes stay bytes.
 */
export interface MultipartPart {
  readonly name: string;
  readonly filename: string | undefined;
  readonly contentType: string;
  readonly content: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return undefined;
  for (;;) {
    position += delimiter.length;
    // `--` after a delimiter closes the body.
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    position = skipLineBreak(body, position);
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(delimiter, headerEnd + 4);
    if (next < 0) return undefined;
    // The CRLF before the next delimiter belongs to the delimiter, not to the content.
    const content = body.subarray(headerEnd + 4, next - 2);
    const disposition = headers.find((header) => /^content-disposition:/i.test(header)) ?? '';
    const type = headers.find((header) => /^content-type:/i.test(header))?.replace(/^content-type:\s*/i, '') ?? 'application/octet-stream';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) parts.push({ name, filename, contentType: type, content: Buffer.from(content) });
    position = next;
  }
}

function skipLineBreak(body: Buffer, position: number): number {
  return body[position] === 0x0d && body[position + 1] === 0x0a ? position + 2 : position;
}

import { boundaryOf, parseMultipart } from './multipart-form';

describe('multipart/form-data', () => {
  it('reads the parts a Web FormData writes, bytes intact', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), 'all.bin');
    form.append('comment', 'hello');
    const request = new Request('http://x', { method: 'POST', body: form });
    const body = Buffer.from(await request.arrayBuffer());

    const parts = parseMultipart(body, boundaryOf(request.headers.get('content-type') ?? '')!);

    expect(parts?.map((part) => [part.name, part.filename, part.contentType])).toEqual([
      ['file', 'all.bin', 'application/octet-stream'],
      ['comment', undefined, 'application/octet-stream'],
    ]);
    expect([...parts![0]!.content]).toEqual([...bytes]);
    expect(parts![1]!.content.toString()).toBe('hello');
  });

  it('says undefined for a body without the boundary', () => {
    expect(boundaryOf('multipart/form-data; boundary="abc"')).toBe('abc');
    expect(parseMultipart(Buffer.from('no parts here'), 'abc')).toBeUndefined();
  });
});

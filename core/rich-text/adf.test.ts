import { adfToRichText, richTextToAdf } from './adf';
import { roundTripSamples } from './rich-text-samples';

const people = [{ accountId: '5b10a2844c20165700ede21g', email: 'alex@acme.example' }];
const writeOptions = { accountIdOf: (mention: { email?: string }) => people.find((person) => person.email === mention.email)?.accountId };
const readOptions = { emailOfAccount: (accountId: string) => people.find((person) => person.accountId === accountId)?.email };

describe('ADF', () => {
  it.each(Object.entries(roundTripSamples))('carries %s through a round trip unchanged', (_name, document) => {
    expect(adfToRichText(richTextToAdf(document, writeOptions), readOptions)).toEqual(document);
  });

  it('writes the ADF Jira expects: version 1, strong/em marks, link marks, mentions by account id, header cells', () => {
    const adf = richTextToAdf({ type: 'doc', content: [...roundTripSamples['links']!.content, ...roundTripSamples['mentions']!.content, ...roundTripSamples['tables']!.content] }, writeOptions);

    expect(adf).toMatchObject({ type: 'doc', version: 1 });
    expect(adf.content[0]?.content?.[1]).toEqual({ type: 'text', text: 'the runbook', marks: [{ type: 'link', attrs: { href: 'https://wiki.acme.example/runbook?step=2' } }] });
    expect(adf.content[1]?.content?.[1]).toEqual({ type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Alex Admin' } });
    expect(adf.content[2]?.content?.[0]?.content?.[0]?.type).toBe('tableHeader');
  });

  it('writes a mention it cannot resolve as text, and code without other marks (ADF allows code with link only)', () => {
    const adf = richTextToAdf({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', displayName: 'Sam' }, { type: 'text', text: 'x', marks: ['bold', 'code'] }] }] });

    expect(adf.content[0]?.content).toEqual([{ type: 'text', text: '@Sam' }, { type: 'text', text: 'x', marks: [{ type: 'code' }] }]);
  });

  it('reads what the neutral model cannot hold as its nearest equivalent', () => {
    const jiraSent = {
      type: 'doc',
      version: 1,
      content: [
        { type: 'panel', attrs: { panelType: 'info' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Note', marks: [{ type: 'textColor', attrs: { color: '#ff0000' } }] }] }] },
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'abc', type: 'file' } }] },
        { type: 'paragraph', content: [{ type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } }, { type: 'inlineCard', attrs: { url: 'https://acme.example' } }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [{ type: 'text', text: 'Ship' }] }] },
        { type: 'somethingNew', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }] },
      ],
    };

    expect(adfToRichText(jiraSent).content).toEqual([
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Note' }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: '[attachment]' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '😄' }, { type: 'text', text: 'https://acme.example', link: 'https://acme.example' }] },
      { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ type: 'text', text: '[x] ' }, { type: 'text', text: 'Ship' }] }]] },
      { type: 'paragraph', content: [{ type: 'text', text: 'kept' }] },
    ]);
  });

  it('reads nothing, garbage and plain strings without throwing', () => {
    expect(adfToRichText(null)).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText({ content: 'nope' })).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText('plain words')).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'plain words' }] }] });
    expect(adfToRichText({ type: 'doc', content: [{ type: 'mention', attrs: { id: 'x1', text: '@Kim' } }] })).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', displayName: 'Kim' }] }] });
  });
});

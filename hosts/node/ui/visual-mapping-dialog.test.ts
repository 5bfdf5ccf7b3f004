import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { defaultVisualMapping, defaultVocabularyOf, mappingFromView, mappingSeenFrom, validateMapping } from '../../../core/mapping';
import type { VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import type { VisualMappingAnswer } from '../../console-kit/visual-mapping-answers';
import { changeFieldRow } from '../../console-kit/visual-mapping-editing';
import { answerOfView } from '../../console-kit/visual-mapping-editing-answer';
import { placeProblems, problemsOfDetails } from '../../console-kit/visual-mapping-editing-problems';
import { describeControls } from './accessible-markup';
import { VisualMappingContent } from './visual-mapping-dialog';

// The Asana admin accepted a Visual connection from Jira Server: their side is the acceptor.
const view = mappingSeenFrom(defaultVisualMapping('jira-server', 'asana'), 'acceptor');
const list = (tracker: 'asana' | 'jira-server') => {
  const vocabulary = defaultVocabularyOf(tracker);
  return { fields: [...vocabulary.fields], statuses: [...vocabulary.statuses], priorities: [...vocabulary.priorities], types: [...vocabulary.types] };
};
const jiraValues = { ...list('jira-server'), statuses: [...list('jira-server').statuses, 'Waiting for customer'] };

function answerWith(change: Partial<VisualMappingAnswer> = {}): VisualMappingAnswer {
  return {
    side: 'acceptor',
    agreed: {
      version: 2,
      view: answerOfView(view),
      publishedBy: 'ana',
      publishedAt: '2026-12-01T10:00:00Z',
      approvedBy: 'bo',
      approvedAt: '2026-12-01T11:00:00Z',
    },
    draft: null,
    outgoingProposal: null,
    incomingProposal: null,
    history: [],
    values: { local: list('asana'), remote: jiraValues },
    unmapped: [],
    compiled: { outgoing: '// Generated from the Visual mapping, version 2.', incoming: '// incoming' },
    ...change,
  };
}

function editorWith(change: Partial<VisualMappingEditor> = {}): VisualMappingEditor {
  const nothing = async () => undefined;
  return {
    answer: answerWith(),
    view,
    unsaved: false,
    canPublish: false,
    busy: null,
    notice: null,
    problems: null,
    unmapped: { status: { local: [], remote: ['Waiting for customer'] }, priority: { local: [], remote: [] }, type: { local: [], remote: [] } },
    edit: () => undefined,
    saveDraft: nothing,
    publish: nothing,
    approve: nothing,
    decline: nothing,
    rollBack: nothing,
    dismissNotice: () => undefined,
    ...change,
  };
}

const render = (editor: VisualMappingEditor) => renderToStaticMarkup(createElement(VisualMappingContent, { editor, onClose: () => undefined }));

it('names every control of a row by what it is and which row it is, and shows the row’s direction', () => {
  const html = render(editorWith());
  const controls = describeControls(html);
  expect(controls).toEqual(
    expect.arrayContaining([
      'combobox "This side\'s field, row 1"',
      'combobox "Direction, row 1"',
      'combobox "Other side\'s field, row 1"',
      'button "Remove row 1"',
      'button "Add row"',
      'combobox "This side\'s status, pair 1"',
      'switch "Send this side\'s comments to the other side"',
      'switch "Add the other side\'s attachments here"',
      'button "Save draft"',
      'button "Publish" (disabled)',
    ]),
  );
  expect(controls.filter((control) => control.startsWith('combobox "Direction, row'))).toHaveLength(view.fields.length);
  // Asana has no priority: there is no priority map to edit.
  expect(controls.some((control) => control.includes('priority, pair'))).toBe(false);
  expect(html).toMatch(/aria-label="Direction, row 1"[^>]*>(?:(?!<\/select>)[\s\S])*<option value="both" selected="">Both ways<\/option>/);
});

it('flags a status of the other side that no pair places as Not mapped, with a way to pair it', () => {
  const html = render(editorWith());
  expect(html).toMatch(/Waiting for customer \(other side\)<\/span> <span class="lozenge[^"]*">Not mapped<\/span>/);
  expect(describeControls(html)).toContain('button "Pair Waiting for customer"');
});

it('shows a refused row’s problem in that row, and the other side’s filter read only', () => {
  const edited = changeFieldRow(view, 0, { local: 'reporter', direction: 'to-local' });
  const vocabularies = { initiator: defaultVocabularyOf('jira-server'), acceptor: defaultVocabularyOf('asana') };
  const checked = validateMapping(mappingFromView(edited), vocabularies);
  if (checked.ok) throw new Error('expected a refusal');
  const html = render(editorWith({ view: edited, problems: placeProblems(edited, problemsOfDetails(checked.error.details)), unsaved: true, canPublish: true }));
  const firstRow = /<tbody><tr class="has-error">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
  expect(firstRow).toContain('Reporter cannot be written in Asana');
  expect(firstRow).toContain('aria-label="This side&#x27;s field, row 1"');
  expect(html).toContain('You have changes that are not saved.');
  expect(describeControls(html)).toContain('button "Publish"');
  expect(html).toMatch(/<input[^>]*readonly=""[^>]*value="None: the other side sends nothing of its own"/);
});

it('asks to approve or decline the other side’s proposal, listing its changes', () => {
  const proposal = {
    proposalId: 'p7',
    version: 3,
    view: answerOfView(view),
    publishedBy: 'bo',
    publishedAt: '2026-12-02T09:00:00Z',
    basedOnVersion: 2,
    diff: [{ kind: 'changed' as const, path: 'fields', before: null, after: null, words: 'Priority now flows to this side only.' }],
  };
  const html = render(editorWith({ answer: answerWith({ incomingProposal: proposal }) }));
  expect(html).toContain('The other side proposed version 3');
  expect(html).toContain('<li>Priority now flows to this side only.</li>');
  expect(describeControls(html)).toEqual(expect.arrayContaining(['button "Approve"', 'button "Decline"']));
  expect(describeControls(render(editorWith()))).not.toContain('button "Approve"');
});

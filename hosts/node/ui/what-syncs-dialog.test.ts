import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { sampleConnection } from '../../console-kit/fake-wizard-client';
import { describeControls } from './accessible-markup';
import { WhatSyncsDialog } from './what-syncs-dialog';

test('What syncs lists the Basic set read-only, says the mode cannot be changed, and offers nothing to edit', () => {
  const html = renderToStaticMarkup(
    createElement(WhatSyncsDialog, { connection: sampleConnection({ mode: 'basic', name: 'acme_basic' }), onClose: () => undefined }),
  );
  expect(html).toContain('What syncs: acme_basic');
  const fields = [...html.matchAll(/<dt>([^<]+)<\/dt>/g)].map((match) => match[1]);
  expect(fields).toEqual(['Summary', 'Description', 'Status', 'Priority', 'Labels and tags', 'Comments', 'Attachments']);
  expect(html).toContain('create a new connection in Script mode');
  expect(describeControls(html).filter((control) => !control.startsWith('button "Close"'))).toEqual([]);
});

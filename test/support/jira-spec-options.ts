import type { SpecCheckingFetchOptions } from '../spec/spec-checking-fetch';

/** What the Jira Cloud checks allow beyond the document, and why. */
export const jiraCloudSpecOptions = (documentRoot: string): SpecCheckingFetchOptions => ({
  document: 'jira-cloud-platform.v3',
  documentRoot,
  binaryBodies: [{ path: /\/rest\/api\/3\/attachment\/content\//, reason: 'Attachment content is the file itself; the document calls it a JSON object.' }],
  undescribed: [
    {
      path: /./,
      status: 429,
      reason: 'Jira Cloud rate-limits every operation (developer.atlassian.com "Rate limiting"), but the document lists 429 on a few only.',
    },
  ],
});

/**
 * Jira Server/DC REST v2 has no API document (shared/specs/README.md). Its resources are the v3
 * ones with wiki-markup text, so requests and responses are checked against the Jira Cloud v3
 * document with `/rest/api/2/` read as `/rest/api/3/`: `search` against the (Cloud-removed but
 * documented) `/rest/api/3/search`, `user/search?username=` against its `username` parameter,
 * webhooks against the admin resource of spec-supplements.ts. What v3 cannot describe is listed.
 */
export const jiraServerSpecOptions = (documentRoot: string): SpecCheckingFetchOptions => ({
  document: 'jira-cloud-platform.v3',
  documentRoot,
  mapPath: (path) => path.replace(/^\/rest\/api\/2\//, '/rest/api/3/'),
  binaryBodies: [{ path: /\/secure\/attachment\//, reason: 'Server/DC serves attachment content from its /secure/attachment servlet.' }],
  undescribed: [
    {
      path: /\/secure\/attachment\//,
      reason: 'The attachment servlet is not part of the REST API (Atlassian documents it only as the `content` URL of an attachment).',
    },
    { path: /\/rest\/plugins\/1\.0\//, reason: 'UPM (the plugin manager) publishes no API document.' },
    { path: /./, status: 429, reason: 'Jira DC rate limiting (8.6+) can refuse any operation with 429.' },
  ],
});

/**
 * Where each host's manifest and its companion files live, relative to the repository root:
 * scripts/package.ts copies them into dist/, and the packaging tests read them from there.
 */
export const manifestFiles = {
  jiraCloud: { manifest: 'manifests/jira-cloud/manifest.yml' },
  azureDevOps: { directory: 'manifests/azure-devops', manifest: 'vss-extension.json', files: ['vss-extension.json', 'overview.md', 'images'] },
} as const;

import { jiraIssueUrl, jiraTriggerLanguage, jiraVocabulary } from './jira-family';
import type { TrackerProfile } from './tracker-profile';

export const jiraServer: TrackerProfile = {
  displayName: 'Jira Server / Data Center',
  words: {
    brand: 'Jira',
    item: 'issue',
    scriptItem: 'issue',
    projectAdvice: 'Create a project in Jira, or check that the user Exalate signs in as has the Browse projects permission',
  },
  vocabulary: jiraVocabulary,
  scriptFields: { aliases: {}, dottedCustomFields: false, completedFlag: false },
  trigger: jiraTriggerLanguage,
  richText: 'wiki-markup',
  itemUrl: jiraIssueUrl,
  // The console takes a base URL and personal access token; the on-premise guide says "Click Initiate."
  // and asks Script mode for a public instance and a licence (see core/wizard/mode-options.ts).
  console: { signIn: 'token', initiateButton: 'initiate', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: true },
};

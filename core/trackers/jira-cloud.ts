import { jiraIssueUrl, jiraTriggerLanguage, jiraVocabulary } from './jira-family';
import type { TrackerProfile } from './tracker-profile';

export const jiraCloud: TrackerProfile = {
  displayName: 'Jira Cloud',
  words: {
    brand: 'Jira',
    item: 'issue',
    scriptItem: 'issue',
    projectAdvice: 'Create a project in Jira, or check that Exalate has the Browse projects permission',
  },
  vocabulary: jiraVocabulary,
  scriptFields: { aliases: {}, dottedCustomFields: false, completedFlag: false },
  trigger: jiraTriggerLanguage,
  richText: 'adf',
  itemUrl: jiraIssueUrl,
  // The Forge app is connected by its platform; Jira Cloud's guide says "8. Click Next.".
  console: { signIn: null, initiateButton: 'next', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: false },
};

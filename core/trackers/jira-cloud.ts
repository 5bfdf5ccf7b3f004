import { jiraFamilyProfile, jiraWords } from './jira-family';
import type { TrackerProfile } from './tracker-profile';

export const jiraCloud: TrackerProfile = {
  ...jiraFamilyProfile,
  displayName: 'Jira Cloud',
  words: jiraWords('Exalate'),
  richText: 'adf',
  // The Forge app is connected by its platform; Jira Cloud's guide says "8. Click Next.".
  console: { signIn: null, initiateButton: 'next', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: false },
};

import { jiraFamilyProfile, jiraWords } from './jira-family';
import type { TrackerProfile } from './tracker-profile';

export const jiraServer: TrackerProfile = {
  ...jiraFamilyProfile,
  displayName: 'Jira Server / Data Center',
  words: jiraWords('the user Exalate signs in as'),
  richText: 'wiki-markup',
  // The console takes a base URL and personal access token; the on-premise guide says "Click Initiate."
  // and asks Script mode for a public instance and a licence (see core/wizard/mode-options.ts).
  console: { signIn: 'token', initiateButton: 'initiate', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: true },
};

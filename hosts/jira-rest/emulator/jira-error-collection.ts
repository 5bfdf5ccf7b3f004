/**
 * Jira's ErrorCollection: `components.schemas.ErrorCollection` in the Jira Cloud platform v3
 * document. Jira Server/DC REST v2 answers with the same resource (`{ errorMessages, errors }`),
 * so both Jira emulators send it and a client that parses a real Jira's errors parses these.
 */
export interface JiraErrorCollection {
  readonly errorMessages: readonly string[];
  readonly errors: Readonly<Record<string, string>>;
}

export function jiraErrorCollection(errorMessages: readonly string[], errors: Readonly<Record<string, string>> = {}): JiraErrorCollection {
  return { errorMessages, errors };
}

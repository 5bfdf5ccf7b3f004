import { readTrigger } from '../../test/support/read-trigger';
import { wiqlOfTrigger } from './wiql-query';

describe('Azure DevOps triggers as WIQL', () => {
  it.each([
    ['project = Fabrikam AND type = Bug', "[System.TeamProject] = 'Fabrikam' AND [System.WorkItemType] = 'Bug'"],
    [
      'project = "Fabrikam Fiber" AND status != Closed AND labels = sync',
      "[System.TeamProject] = 'Fabrikam Fiber' AND [System.State] <> 'Closed' AND [System.Tags] CONTAINS 'sync'",
    ],
    ['project in (A, "B\'s") ORDER BY created', "[System.TeamProject] IN ('A', 'B''s')"],
    [
      "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] <> 'old'",
      "[System.TeamProject] = @project AND [System.Tags] NOT CONTAINS 'old'",
    ],
  ])('%s', (query, conditions) => {
    expect(wiqlOfTrigger(readTrigger(query, 'azure-devops'))).toBe(conditions);
  });

  it('refuses, through the one grammar, a field Azure DevOps triggers do not know, saying which part and with an example', () => {
    expect(() => readTrigger('project = A AND colour = red', 'azure-devops')).toThrow(/"colour = red" is not a condition.*Example/);
  });
});

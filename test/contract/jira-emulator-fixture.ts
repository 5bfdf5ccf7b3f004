import type { JiraEmulator, JiraEmulatorState } from '../../hosts/jira-rest/emulator';
import type { JiraHarness } from '../support/jira-harness';
import type { TrackerContractFixture, TrackerContractVocabulary } from './tracker.contract';

/**
 * The contract fixture of a Jira emulator, Cloud or Server/DC alike: the harness's spec-checked
 * adapter, and faults driven through the emulator (its rate-limit storm, its counts of issues and
 * comments).
 */
export function jiraEmulatorFixture(
  harness: JiraHarness<JiraEmulator<JiraEmulatorState>, TrackerContractFixture['tracker']>,
  projectKey: string,
  vocabulary: TrackerContractVocabulary,
): TrackerContractFixture {
  const { emulator, adapter, specCheck, timers, close } = harness;
  return {
    tracker: adapter,
    projectKey,
    vocabulary,
    close,
    faults: {
      startRateLimitStorm: (options) => emulator.storm.start(options),
      stopRateLimitStorm: () => emulator.storm.stop(),
      waits: timers.waits,
      countItems: (key) => emulator.state.work.countIssues(key),
      countComments: (key) => emulator.state.work.issue(key)?.comments.length ?? 0,
    },
    assertExchangesMatchSpec: () => {
      specCheck.assertExchangesMatchSpec();
      specCheck.clear();
    },
  };
}

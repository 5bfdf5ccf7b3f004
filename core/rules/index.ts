// Script mode: the sandbox port and its QuickJS implementation, the script runners, the default
// scripts, test runs and the published typings. The sync engine and the admin API use these.
export {
  type ScriptSandboxV1,
  type ScriptProgramV1,
  type ScriptRunLimits,
  defaultScriptRunLimits,
  defaultScriptMemoryBytes,
  maximumScriptCharacters,
} from './script-sandbox';
export { ScriptError, scriptErrorKinds, scriptTimeLimitError, type ScriptErrorKind } from './script-error';
export { createQuickJsSandbox, type QuickJsSandboxOptions } from './quickjs-sandbox';
export { createQuickJsRunner, type QuickJsRunner, type QuickJsRunnerOptions } from './quickjs-runner';
export { scriptRunRequestOf, scriptRunResultOf, scriptFailureOf, type ScriptRunRequest, type ScriptRunAnswer, type ScriptFailure } from './script-run-request';
export { type ScriptConnection, type OutgoingItem, type OutgoingComment, type OutgoingAttachment, type SyncLink, type TwinKey } from './script-context';
export { runOutgoingScript, executeOutgoingScript, type OutgoingScriptInput, type OutgoingRun } from './run-outgoing-script';
export { runIncomingScript, executeIncomingScript, type IncomingScriptInput, type IncomingRun } from './run-incoming-script';
export { type IncomingPlan, isEmptyIncomingPlan } from './incoming-plan';
export { diffItem, isEmptyChange, fallbackItemType } from './item-changes';
export { defaultScripts, type DefaultScripts } from './default-scripts';
export { isProductScript } from './product-scripts';
export { basicModeScripts, basicModeFields, type BasicModeField } from './basic-mode-scripts';
export { testRunScripts, type TestRunInput, type TestRunResult } from './test-run-scripts';
export { checkScriptSyntax } from './check-script';
export { scriptApiTypes } from './script-api-types';

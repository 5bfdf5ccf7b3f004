import { useId, type FormEvent } from 'react';
import type { MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { mappingTestRunWords } from '../../console-kit/visual-mapping-test-run';
import { NoticeBanner } from './notice-banner';
import { TextField } from './text-field';

/** Test run in the Compiled scripts tab: an item key, and the replica and planned changes read only, as the Scripts dialog shows them. */
export function VisualMappingTestRun({ testRun }: { readonly testRun: MappingTestRun }) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!testRun.disabled) void testRun.run();
  };
  return (
    <div>
      <form className="test-run" onSubmit={submit}>
        {/* The help stands under the whole row, beside the button: the field is described by it, not given it. */}
        <TextField
          id={`${id}-item`}
          label={testRun.label}
          value={testRun.itemKey}
          placeholder={testRun.example}
          aria-describedby={`${id}-item-help`}
          onChange={testRun.setItemKey}
        />
        <button type="submit" className="button button-default" disabled={testRun.disabled}>
          {mappingTestRunWords.button}
        </button>
      </form>
      <p id={`${id}-item-help`} className="field-help test-run-help">
        {testRun.help}
      </p>
      {testRun.result === null ? null : (
        // Focusable, so a keyboard can scroll a long result.
        <pre className="test-run-result" tabIndex={0} role="region" aria-label={mappingTestRunWords.result}>
          {testRun.result}
        </pre>
      )}
      <NoticeBanner notice={testRun.notice} onDismiss={testRun.dismissNotice} />
    </div>
  );
}

import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { FormEvent } from 'react';
import type { MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { mappingTestRunWords } from '../../console-kit/visual-mapping-test-run';
import { NoticeCard } from './notice-card';

/** Test run in the Compiled scripts tab: a work item id, and the replica and planned changes read only, as the scripts panel shows them. */
export function VisualMappingTestRun({ testRun }: { readonly testRun: MappingTestRun }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!testRun.disabled) void testRun.run();
  };
  return (
    <div className="flex-column rhythm-vertical-8">
      <form className="flex-row flex-end rhythm-horizontal-8 exalate-test-run" onSubmit={submit}>
        <FormItem label={testRun.label} message={testRun.help}>
          <TextField
            ariaLabel={testRun.label}
            value={testRun.itemKey}
            placeholder={testRun.example}
            width={TextFieldWidth.standard}
            onChange={(_event, value) => testRun.setItemKey(value)}
          />
        </FormItem>
        <Button text={mappingTestRunWords.button} type="submit" disabled={testRun.disabled} />
      </form>
      <NoticeCard notice={testRun.notice} onDismiss={testRun.dismissNotice} />
      {testRun.result === null ? null : (
        <TextField
          ariaLabel={mappingTestRunWords.result}
          multiline
          readOnly
          rows={12}
          value={testRun.result}
          className="exalate-code"
          width={TextFieldWidth.auto}
        />
      )}
    </div>
  );
}

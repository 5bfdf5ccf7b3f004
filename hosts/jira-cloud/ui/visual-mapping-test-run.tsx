import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useId } from 'react';
import type { MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { mappingTestRunWords } from '../../console-kit/visual-mapping-test-run';
import { NoticeBanner } from './notice-banner';

/** Test run in the Compiled scripts tab: an issue key, and the replica and planned changes read only, as the script editor shows them. */
export function VisualMappingTestRun({ testRun }: { readonly testRun: MappingTestRun }) {
  const id = useId();
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="end">
        <div style={{ flexGrow: 1 }}>
          <Label htmlFor={`${id}-item`}>{testRun.label}</Label>
          <Textfield
            id={`${id}-item`}
            value={testRun.itemKey}
            placeholder={testRun.example}
            aria-describedby={`${id}-item-help`}
            onChange={(event) => testRun.setItemKey(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !testRun.disabled) void testRun.run();
            }}
          />
        </div>
        <Button isDisabled={testRun.disabled} isLoading={testRun.running} onClick={() => void testRun.run()}>
          {mappingTestRunWords.button}
        </Button>
      </Inline>
      <HelperMessage>
        <span id={`${id}-item-help`}>{testRun.help}</span>
      </HelperMessage>
      <NoticeBanner notice={testRun.notice} />
      {testRun.result === null ? null : (
        <TextArea aria-label={mappingTestRunWords.result} isReadOnly isMonospaced minimumRows={8} maxHeight="24rem" value={testRun.result} />
      )}
    </Stack>
  );
}

import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Inline, Stack } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { ConsoleConnection } from '../../node/ui/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { NoticeBanner, type Notice } from './notice-banner';

/**
 * This side's outgoing and incoming scripts (Script mode), saved only when they compile (core checks
 * and answers with the line), and a test run on an issue that shows the replica and the changes
 * without writing anything.
 */
export function RulesModal({ client, connection, onClose }: { readonly client: ConsoleClient; readonly connection: ConsoleConnection; readonly onClose: () => void }) {
  const [rules, setRules] = useState<{ outgoing: string; incoming: string } | null>(null);
  const [issueKey, setIssueKey] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [testRun, setTestRun] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void client.readRules(connection.id).then((answer) => (answer.ok ? setRules({ outgoing: answer.value.outgoing, incoming: answer.value.incoming }) : setNotice({ kind: 'error', text: answer.error.message })));
  }, [client, connection.id]);

  const act = async (work: () => Promise<Notice>) => {
    setBusy(true);
    setNotice(await work());
    setBusy(false);
  };
  const save = () =>
    act(async () => {
      if (rules === null) return null;
      const answer = await client.saveRules(connection.id, rules);
      return answer.ok ? { kind: 'success', text: 'The scripts are saved; the next change of each item uses them.' } : { kind: 'error', text: answer.error.message };
    });
  const test = () =>
    act(async () => {
      const answer = await client.testRun(connection.id, issueKey);
      setTestRun(answer.ok ? JSON.stringify(answer.value, null, 2) : null);
      return answer.ok ? null : { kind: 'error', text: answer.error.message };
    });

  return (
    <Modal onClose={onClose} width="x-large" label={`Rules of ${connection.name}`}>
      <ModalHeader>
        <ModalTitle>Rules: {connection.name}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          <NoticeBanner notice={notice} />
          {(['outgoing', 'incoming'] as const).map((side) => (
            <div key={side}>
              <Label htmlFor={`rules-${side}`}>{side === 'outgoing' ? 'Outgoing sync script' : 'Incoming sync script'}</Label>
              <TextArea id={`rules-${side}`} isMonospaced minimumRows={8} value={rules?.[side] ?? ''} isDisabled={rules === null || busy} spellCheck={false} onChange={(event) => rules && setRules({ ...rules, [side]: event.currentTarget.value })} />
            </div>
          ))}
          <Inline space="space.100" alignBlock="end">
            <div style={{ flexGrow: 1 }}>
              <Label htmlFor="test-run-issue">Issue key for a test run</Label>
              <Textfield id="test-run-issue" value={issueKey} placeholder="SUP-12" onChange={(event) => setIssueKey(event.currentTarget.value)} />
            </div>
            <Button isDisabled={busy || issueKey.trim() === ''} onClick={() => void test()}>
              Test run
            </Button>
          </Inline>
          {testRun === null ? null : <TextArea aria-label="Test run result" isReadOnly isMonospaced minimumRows={8} value={testRun} />}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Close
        </Button>
        <Button appearance="primary" isDisabled={rules === null} isLoading={busy} onClick={() => void save()}>
          Save
        </Button>
      </ModalFooter>
    </Modal>
  );
}

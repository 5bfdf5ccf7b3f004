import { invoke } from '@forge/bridge';
import { createConsoleClient } from '../../console-kit/operation-client';
import { forgeTransport } from './forge-transport';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn() }));
const invokeMock = invoke as jest.MockedFunction<typeof invoke>;

describe('the Custom UI’s admin client over @forge/bridge', () => {
  beforeEach(() => invokeMock.mockReset());

  it('invokes the operation’s resolver key with its path parameters and body', async () => {
    invokeMock.mockResolvedValue({ id: 'trg_1', connectionId: 'con_1', query: 'project = SUP', active: true, createdAt: 1 });
    const answer = await createConsoleClient(forgeTransport).addTrigger('con_1', 'project = SUP', true);
    expect(invokeMock).toHaveBeenCalledWith('POST /connections/{id}/triggers', { params: { id: 'con_1' }, body: { query: 'project = SUP', active: true } });
    expect(answer).toMatchObject({ ok: true, value: { id: 'trg_1' } });
  });

  it('hands over the resolver’s refusal in the node’s words', async () => {
    invokeMock.mockResolvedValue({
      error: { code: 'invitation_expired', message: 'The invitation code expired on 2026-11-25; ask the initiator for a new one.' },
    });
    expect(await createConsoleClient(forgeTransport).previewInvitation('exa1.x')).toEqual({
      ok: false,
      error: { status: 0, code: 'invitation_expired', message: 'The invitation code expired on 2026-11-25; ask the initiator for a new one.' },
    });
  });

  it('keeps the problems a refused Visual mapping lists, so the editor shows each beside its row', async () => {
    const problem = { side: 'acceptor', subject: 'reporter', message: 'Reporter cannot be written in Jira Cloud: the tracker sets it itself.' };
    invokeMock.mockResolvedValue({
      error: { code: 'invalid_request', message: 'The Visual mapping cannot be used; nothing was saved.', details: { problems: [problem] } },
    });
    const answer = await createConsoleClient(forgeTransport).saveVisualDraft('con_1', {} as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', details: { problems: [problem] } } });
  });

  it('says what to do when the app itself does not answer', async () => {
    invokeMock.mockRejectedValue(new Error('Function timed out'));
    const answer = await createConsoleClient(forgeTransport).listConnections();
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toContain('forge logs');
  });

  it('refuses an answer it cannot read rather than showing half of it', async () => {
    invokeMock.mockResolvedValue({ unexpected: true });
    expect(await createConsoleClient(forgeTransport).listConnections()).toMatchObject({ ok: false, error: { code: 'unexpected_answer' } });
  });
});

import { useEffect, useId, useState, type FormEvent } from 'react';
import { describeAccount, signInMethodWords } from './asana-sign-in';
import { TextField } from './text-field';
import type { TrackerConnectionAnswer } from './tracker-connection-client';

export interface JiraServerConnectionFormProps {
  readonly connection: TrackerConnectionAnswer;
  readonly saving: boolean;
  /** The node's refusal, in its words (a refused token, an unreachable address, a private address). */
  readonly problem: string | null;
  readonly notice: string | null;
  readonly onSave: (baseUrl: string, token: string) => void;
}

type Field = 'baseUrl' | 'token';

/** Jira Server/DC: the base URL and a personal access token, which the node checks with Jira before keeping. */
export function JiraServerConnectionForm({ connection, saving, problem, notice, onSave }: JiraServerConnectionFormProps) {
  const id = useId();
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, string>>>({});
  // A saved connection comes back as a new answer: the token leaves the page, the address stays.
  useEffect(() => {
    setToken('');
    setBaseUrl(connection.baseUrl ?? '');
  }, [connection]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {
      ...(baseUrl.trim() === '' ? { baseUrl: 'Enter the Jira base URL.' } : {}),
      ...(token.trim() === ''
        ? {
            token:
              connection.method === 'token'
                ? 'Enter a personal access token; the saved one is never shown, so a change needs it again.'
                : 'Enter a personal access token.',
          }
        : {}),
    };
    setMissing(problems);
    if (Object.keys(problems).length === 0) onSave(baseUrl.trim(), token.trim());
  };

  // Typing in a field takes back what was said about it being empty.
  const edit = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    setMissing(({ [field]: _cleared, ...rest }) => rest);
  };

  return (
    <div className="tracker-connection-body">
      <dl className="settings-list">
        <div className="settings-row">
          <dt>Jira account</dt>
          <dd>
            <span className={connection.signedIn ? 'settings-value' : 'is-unknown'}>
              {connection.signedIn ? describeAccount(connection, 'Connected') : 'Not connected'}
            </span>
            {connection.signedIn ? (
              <span className="cell-detail">
                {signInMethodWords[connection.method]}, at {connection.baseUrl ?? 'Jira'}.
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      <form className="tracker-connection-form" noValidate onSubmit={submit} aria-label="Jira connection">
        <TextField
          id={`${id}-baseUrl`}
          label="Jira base URL"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://jira.example.com"
          value={baseUrl}
          disabled={saving}
          problem={missing.baseUrl ?? null}
          help="The address of Jira's home page, with any context path such as /jira."
          onChange={edit('baseUrl', setBaseUrl)}
        />
        <TextField
          id={`${id}-token`}
          label="Personal access token"
          type="password"
          placeholder={connection.method === 'token' ? 'Saved (paste a new one to change it)' : ''}
          value={token}
          disabled={saving}
          problem={missing.token ?? null}
          help="In Jira: your profile picture → Profile → Personal Access Tokens (Jira 8.14 or later). Create it as a Jira administrator."
          onChange={edit('token', setToken)}
        />
        {problem === null ? null : (
          <p className="message message-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Checking with Jira…' : 'Save'}
          </button>
        </div>
      </form>
      <p className="message message-success" role="status" aria-live="polite">
        {notice}
      </p>
    </div>
  );
}

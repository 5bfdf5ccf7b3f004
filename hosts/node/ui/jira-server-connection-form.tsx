import { useEffect, useId, useState, type FormEvent } from 'react';
import { describeAccount, signInMethodWords } from './asana-sign-in';
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

  const describedBy = (field: Field) =>
    [missing[field] === undefined ? null : `${id}-${field}-problem`, `${id}-${field}-help`].filter((part) => part !== null).join(' ');

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
        <div className={`field${missing.baseUrl === undefined ? '' : ' has-error'}`}>
          <label htmlFor={`${id}-baseUrl`} className="field-label">
            Jira base URL
          </label>
          <input
            id={`${id}-baseUrl`}
            className="input"
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://jira.example.com"
            value={baseUrl}
            disabled={saving}
            aria-invalid={missing.baseUrl !== undefined}
            aria-describedby={describedBy('baseUrl')}
            onChange={(event) => {
              setBaseUrl(event.target.value);
              setMissing(({ baseUrl: _cleared, ...rest }) => rest);
            }}
          />
          {missing.baseUrl === undefined ? null : (
            <p id={`${id}-baseUrl-problem`} className="field-error" role="alert">
              {missing.baseUrl}
            </p>
          )}
          <p id={`${id}-baseUrl-help`} className="field-help">
            The address of Jira&apos;s home page, with any context path such as /jira.
          </p>
        </div>
        <div className={`field${missing.token === undefined ? '' : ' has-error'}`}>
          <label htmlFor={`${id}-token`} className="field-label">
            Personal access token
          </label>
          <input
            id={`${id}-token`}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={connection.method === 'token' ? 'Saved (paste a new one to change it)' : ''}
            value={token}
            disabled={saving}
            aria-invalid={missing.token !== undefined}
            aria-describedby={describedBy('token')}
            onChange={(event) => {
              setToken(event.target.value);
              setMissing(({ token: _cleared, ...rest }) => rest);
            }}
          />
          {missing.token === undefined ? null : (
            <p id={`${id}-token-problem`} className="field-error" role="alert">
              {missing.token}
            </p>
          )}
          <p id={`${id}-token-help`} className="field-help">
            In Jira: your profile picture → Profile → Personal Access Tokens (Jira 8.14 or later). Create it as a Jira administrator.
          </p>
        </div>
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

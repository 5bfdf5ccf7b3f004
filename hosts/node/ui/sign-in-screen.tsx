import { useId, useState, type FormEvent } from 'react';
import { createAdminClient } from './admin-client';
import type { ConsoleConfiguration } from './console-configuration';
import { ConsoleHeader } from './console-header';

export interface SignInScreenProps {
  readonly configuration: ConsoleConfiguration;
  /** Why the admin is here again (a token the node refused), or null on a first visit. */
  readonly message: string | null;
  readonly onSignedIn: (adminToken: string) => void;
}

export const tokenRefusedMessage =
  'The Exalate node did not accept this admin token. Enter the token the node printed on its first start (or the value of ADMIN_TOKEN), then sign in again.';

/**
 * A self-hosted node's console asks for the admin token before anything else, and checks it with
 * `GET /instance` so that a mistyped token is reported here, not on the first action.
 */
export function SignInScreen({ configuration, message, onSignedIn }: SignInScreenProps) {
  const id = useId();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(message);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const candidate = token.trim();
    if (candidate === '') {
      setProblem('Enter the admin token.');
      return;
    }
    setChecking(true);
    const client = createAdminClient({ adminApi: configuration.adminApi, adminToken: candidate, onUnauthorized: () => undefined });
    const answer = await client.describeInstance();
    setChecking(false);
    if (answer.ok) onSignedIn(candidate);
    else setProblem(answer.error.status === 401 ? tokenRefusedMessage : answer.error.message);
  };

  return (
    <div className="console">
      <ConsoleHeader title={configuration.title} tracker={configuration.tracker} />
      <main className="console-main sign-in">
        <form className="card sign-in-card" noValidate onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
          <h2 id={`${id}-title`} className="section-title">
            Sign in to the Exalate console
          </h2>
          <p className="muted">This node keeps its connections behind an admin token. It is kept in this browser tab only, until you close it.</p>
          <div className={`field${problem === null ? '' : ' has-error'}`}>
            <label htmlFor={`${id}-token`} className="field-label">
              Admin token
            </label>
            <input
              id={`${id}-token`}
              className="input"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={token}
              aria-invalid={problem !== null}
              aria-describedby={problem === null ? `${id}-help` : `${id}-problem ${id}-help`}
              onChange={(event) => {
                setToken(event.target.value);
                setProblem(null);
              }}
            />
            {problem === null ? null : (
              <p id={`${id}-problem`} className="field-error" role="alert">
                {problem}
              </p>
            )}
            <p id={`${id}-help`} className="field-help">
              The node prints it once, on its first start; the ADMIN_TOKEN setting replaces it.
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={checking}>
              Sign in
            </button>
          </div>
        </form>
      </main>
    </div>
  );
}

import { invoke } from '@forge/bridge';
import { errorAnswerSchema } from '../../console-kit/admin-answers';
import type { AdminFailure } from '../../console-kit/admin-failure';
import { err, ok } from '../../console-kit/browser-core';
import type { OperationTransport } from '../../console-kit/operation-client';

/**
 * The admin API through `@forge/bridge`: `invoke(resolverKey, { params, body, query })`. The resolver
 * answers the operation's value or `{ error: { code, message } }` (hosts/jira-cloud/forge/errors.ts).
 */
export const forgeTransport: OperationTransport = async ({ key, params, body, query }) => {
  let answer: unknown;
  try {
    answer = await invoke(key, {
      params: { ...params },
      ...(body === undefined ? {} : { body: body as never }),
      ...(query === undefined ? {} : { query: { ...query } }),
    });
  } catch (error) {
    return err(
      failure(
        'unreachable',
        `The Exalate app did not answer (${error instanceof Error ? error.message : 'invoke failed'}). Reload the page; if it keeps failing, look at the app's logs (forge logs).`,
      ),
    );
  }
  // A refusal keeps its details (a refused Visual mapping lists its problems there, shown beside their rows).
  const refused = errorAnswerSchema.safeParse(answer);
  if (refused.success) return err({ status: 0, ...refused.data.error });
  return ok(answer);
};

function failure(code: string, message: string): AdminFailure {
  return { status: 0, code, message };
}

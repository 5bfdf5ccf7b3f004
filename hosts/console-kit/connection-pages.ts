import type { ConsoleConnection } from './admin-answers';
import type { AdminFailure } from './admin-failure';
import { maximumConnectionPageSize, ok, type Result } from './browser-core';

/**
 * The Connections tab shows every connection, while `GET /connections` answers in pages. Forge's
 * invoke carries no Link header, so the consoles page the same way over both transports: the
 * largest page, then the page after the last id, until a page comes back short.
 */
export async function listEveryConnection(
  readPage: (query: Readonly<Record<string, string>>) => Promise<Result<readonly ConsoleConnection[], AdminFailure>>,
): Promise<Result<readonly ConsoleConnection[], AdminFailure>> {
  const every: ConsoleConnection[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readPage({ limit: String(maximumConnectionPageSize), ...(after === undefined ? {} : { after }) });
    if (!page.ok) return page;
    every.push(...page.value);
    const last = page.value.at(-1);
    if (page.value.length < maximumConnectionPageSize || last === undefined) return ok(every);
    after = last.id;
  }
}

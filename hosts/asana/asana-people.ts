import type { TrackerUser } from '../../core';
import type { AsanaClient } from './asana-client';
import { readAction, readBatchResult } from './asana-batch-call';
import { userEnvelopeSchema } from './asana-responses';

/** People rarely change name or address; remembering a few thousand saves a call per task read. */
const rememberedPeople = 5000;

/**
 * The users tasks mention, by gid, with their emails: Asana gives a user's email only on the user
 * resource, not through a task's or story's opt_fields. Remembered once read; several unknown ones
 * are read together through `/batch`. A user Asana no longer knows (404) is null.
 */
export class AsanaPeople {
  readonly #client: AsanaClient;
  readonly #known = new Map<string, TrackerUser | null>();

  constructor(client: AsanaClient) {
    this.#client = client;
  }

  async read(gids: Iterable<string | null | undefined>): Promise<ReadonlyMap<string, TrackerUser | null>> {
    const wanted = [...new Set([...gids].filter((gid): gid is string => typeof gid === 'string' && gid !== ''))];
    const unknown = wanted.filter((gid) => !this.#known.has(gid));
    if (unknown.length === 1) {
      const gid = unknown[0]!;
      const answer = await this.#client.jsonIfFound(
        { path: `/users/${gid}`, query: { opt_fields: 'name,email' }, action: 'read the creator of a task' },
        userEnvelopeSchema,
      );
      this.#remember(gid, answer === undefined ? null : { email: answer.data.email ?? null, displayName: answer.data.name ?? '', id: gid });
    } else if (unknown.length > 1) {
      const results = await this.#client.batch(
        unknown.map((gid) => readAction(`/users/${gid}`, 'name,email')),
        { idempotent: true, action: `read ${unknown.length} users` },
      );
      for (const [index, gid] of unknown.entries()) {
        const result = results[index]!;
        if (result.status_code === 404) {
          this.#remember(gid, null);
          continue;
        }
        const user = readBatchResult(result, userEnvelopeSchema, { client: this.#client, doing: `read the user ${gid}` });
        if (!user.ok) throw user.error;
        this.#remember(gid, { email: user.value.data.email ?? null, displayName: user.value.data.name ?? '', id: gid });
      }
    }
    return new Map(wanted.map((gid) => [gid, this.#known.get(gid) ?? null]));
  }

  #remember(gid: string, person: TrackerUser | null): void {
    if (this.#known.size >= rememberedPeople) this.#known.delete(this.#known.keys().next().value ?? '');
    this.#known.set(gid, person);
  }
}

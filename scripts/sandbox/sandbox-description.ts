import type { TrackerKind } from '../../core';

/** `GET /sandbox.json`, exactly as ARCHITECTURE §8 sets it out. */
export interface SandboxInstanceDescription {
  readonly id: string;
  readonly tracker: TrackerKind;
  readonly public: boolean;
  /** What an admin types as Destination Instance URL; null for a private side, which has none. */
  readonly url: string | null;
  readonly console: string;
  readonly adminApi: string;
  readonly adminToken: string;
  readonly trackerApi: string;
  readonly trackerAuth: string;
  /** The sandbox's page of one item as its host shows it, with Exalate's item surface inside; `{key}` stands for the item's key. */
  readonly itemPage: string;
}

export interface SandboxDescription {
  readonly instances: readonly SandboxInstanceDescription[];
}

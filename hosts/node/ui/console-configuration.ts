import { z } from 'zod';
import { trackerKinds, type TrackerKind } from '../../console-kit/browser-core';

declare global {
  interface Window {
    /** Written into the page by console-routes.ts. */
    exalateConsole?: unknown;
  }
}

/** What the page tells the console about its instance (see console-routes.ts). */
export interface ConsoleConfiguration {
  readonly title: string;
  readonly tracker: TrackerKind;
  /** Absolute, or relative to the page (`/api/v1` on a self-hosted node). */
  readonly adminApi: string;
  /** Given only by the local sandbox; a self-hosted node makes the admin sign in. */
  readonly adminToken: string | null;
}

const configurationSchema = z.object({
  title: z.string().min(1),
  tracker: z.enum(trackerKinds),
  adminApi: z.string().min(1),
  adminToken: z.string().min(1).nullable(),
});

/** Reads the page's configuration; a page served by something else gets a message, not a crash. */
export function readConsoleConfiguration(value: unknown): { ok: true; value: ConsoleConfiguration } | { ok: false; message: string } {
  const parsed = configurationSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message:
      'This page does not describe an Exalate instance (window.exalateConsole is missing or malformed). Open the console from the address the sync node prints.',
  };
}

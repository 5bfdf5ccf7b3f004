import type { MappingProblemAnswer } from './visual-mapping-answers';

/**
 * A call the node refused, or could not be made: what every console client answers instead of
 * throwing. `message` is for the admin, as the node (or the transport) wrote it.
 */
export interface AdminFailure {
  /** The HTTP status, or 0 when the node did not answer at all. */
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** What was wrong, item by item, when the node listed it (a refused Visual mapping's problems). */
  readonly details?: { readonly problems?: readonly MappingProblemAnswer[] | undefined } | undefined;
}

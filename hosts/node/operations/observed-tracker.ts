import { ExalateError } from '../../../core';
import type { NodeMetrics } from './node-metrics';

/**
 * The tracker adapter with every method call counted and timed, without touching the adapter:
 * a proxy, so adapter-specific methods (change-hook registration) still reach the adapter, and
 * methods run with the adapter itself as `this` (its private fields stay reachable).
 */
export function observeTracker<Tracker extends object>(tracker: Tracker, metrics: NodeMetrics): Tracker {
  return new Proxy(tracker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...parameters: unknown[]) => {
        const stopTimer = metrics.trackerCallSeconds.startTimer({ operation: property });
        const settle = (outcome: 'ok' | 'error' | 'rate_limited') => {
          stopTimer();
          metrics.trackerCalls.inc({ operation: property, outcome });
          if (outcome === 'rate_limited') metrics.trackerRateLimited.inc({ operation: property });
        };
        let result: unknown;
        try {
          result = Reflect.apply(value, target, parameters);
        } catch (error) {
          settle(outcomeOf(error));
          throw error;
        }
        if (!(result instanceof Promise)) {
          settle('ok');
          return result;
        }
        return result.then(
          (answer: unknown) => {
            settle('ok');
            return answer;
          },
          (error: unknown) => {
            settle(outcomeOf(error));
            throw error;
          },
        );
      };
    },
  });
}

/** The HTTP layer maps a 429 to tracker_unavailable with the status in its details (hosts/tracker-http). */
function outcomeOf(error: unknown): 'error' | 'rate_limited' {
  return ExalateError.isInstance(error) && error.details?.['status'] === 429 ? 'rate_limited' : 'error';
}

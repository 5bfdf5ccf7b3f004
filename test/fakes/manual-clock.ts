import type { ClockV1 } from '../../core';

/** A clock that moves only when the test says so. */
export class ManualClock implements ClockV1 {
  constructor(private current = Date.parse('2026-11-23T12:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

/**
 * What the live engine tells a progress display about its AWS calls (bin/progress.ts renders it on a terminal).
 * Every method is optional and must not throw; the engine never waits for an observer.
 */
export interface CallObserver {
  /** One call answered (a page of a listing, a simulation batch ...): `attempts` includes the SDK's retries. */
  callDone?(event: { cluster?: string; operation: string; attempts: number }): void;
  /** One call failed after its retries; `throttled` when the last answer was throttling. */
  callFailed?(event: { cluster?: string; operation: string; attempts: number; throttled: boolean }): void;
  /** Work announced before it is done, e.g. the SimulatePrincipalPolicy batches of a role. */
  planned?(event: { cluster?: string; operation: string; count: number }): void;
}

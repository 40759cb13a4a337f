/** Readiness contracts shared by the HTTP health routes and the parts they report on (database, worker). */

/** One part of the service whose state decides readiness (database, worker, ...). */
export interface HealthCheck {
  readonly name: string;
  check(): Promise<ComponentHealth>;
}

export interface ComponentHealth {
  ready: boolean;
  /** Why it is not ready, or a short state description. */
  detail?: string;
  /** Ready, but not at full service (e.g. the worker's circuit is open): `/health` says "degraded". */
  degraded?: boolean;
  [extra: string]: unknown;
}

/** What a generation request can be: its lifecycle, who asked for it, and how each of its items ended. */

export const GENERATION_STATUSES = ["pending", "processing", "completed", "partial", "failed", "expired"] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];
/** Statuses of a request that still waits for items. */
export const OPEN_STATUSES = ["pending", "processing"] as const satisfies readonly GenerationStatus[];
/** Who asked: a caller of the API, or the service itself refilling its pool. */
export const GENERATION_ORIGINS = ["api", "pool_refill"] as const;
export type GenerationOrigin = (typeof GENERATION_ORIGINS)[number];

export const ITEM_OUTCOMES = ["generated", "failed"] as const;

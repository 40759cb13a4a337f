import type { Variable } from "../config";
import { int } from "./parsers";

/** Generation requests: how long they may stall, how many messages may wait for the broker, the pool's refills. */
export const GENERATION_VARIABLES = {
  GENERATION_REQUEST_TTL_MS: {
    schema: int(1000, 86400000),
    default: "600000",
    description: "a request with no progress for this long becomes `expired`",
  },
  OUTBOX_MAX_PENDING: {
    schema: int(1, 10000000),
    default: "10000",
    description: "messages waiting in the outbox (broker down) before POST generate answers 503 `queue_backlog_full`",
  },
  POOL_MIN_UNSERVED: {
    schema: int(0, 100000),
    default: "50",
    description:
      "below this many never-served problems, or a fifth of it for one level, a refill is requested (0 disables)",
  },
  POOL_REFILL_COUNT: { schema: int(1, 100), default: "50", description: "problems asked for by one refill request" },
  SEED_ON_EMPTY: {
    schema: int(0, 100000),
    default: "0",
    description: "problems generated at start when the pool is empty (`bun run dev` sets 200)",
  },
} satisfies Record<string, Variable>;

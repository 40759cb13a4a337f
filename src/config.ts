import { hostname } from "node:os";
import { z } from "zod";
import { ACCESS_VARIABLES, authRequired, checkAccess } from "./config/access";
import { bool, brokers, int, parseResourceAttributes, url } from "./config/parsers";

/**
 * Every environment variable the service reads, parsed once at start into a frozen Config.
 * The README's configuration table is checked against VARIABLES by a test, so this list is the single source.
 */

export interface Variable {
  schema: z.ZodType;
  /** As shown in the README; `undefined` means unset by default. */
  default?: string;
  description: string;
  /** Never echoed back in an error message. */
  secret?: boolean;
}

export const VARIABLES = {
  NODE_ENV: {
    schema: z.enum(["development", "production", "test"]),
    default: "development",
    description: "`production` requires `DATABASE_URL` and `KAFKA_BOOTSTRAP_SERVERS`",
  },
  PORT: { schema: int(0, 65535), default: "8000", description: "HTTP port (0 picks a free one)" },
  HOST: { schema: z.string().min(1), default: "0.0.0.0", description: "HTTP listen address" },
  REQUEST_TIMEOUT_MS: {
    schema: int(100, 120000),
    default: "5000",
    description: "every HTTP request is answered within this (503 `request_timeout` past it)",
  },
  DATABASE_URL: {
    schema: url(["postgres", "postgresql"]),
    description: "Postgres URL; unset: embedded PGlite in `PGLITE_DATA_DIR`",
    secret: true,
  },
  PGLITE_DATA_DIR: {
    schema: z.string().min(1),
    default: ".data/pglite",
    description: "where the embedded database lives (`memory://` keeps it in memory)",
  },
  DATABASE_POOL_MAX: { schema: int(1, 100), default: "10", description: "Postgres connections per process" },
  RANDOM_PICK_BATCH_MAX: {
    schema: int(1, 100),
    default: "32",
    description: "concurrent `/random` requests for one filter served by one statement at most (1: no coalescing)",
  },
  RANDOM_PICK_IN_FLIGHT: {
    schema: int(1, 100),
    default: "4",
    description: "`/random` pick statements running at once per filter; later requests wait and go out together",
  },
  KAFKA_BOOTSTRAP_SERVERS: {
    schema: brokers,
    description: "comma list of brokers, e.g. `localhost:9092`; unset: in-process queue (development only)",
  },
  KAFKA_CLIENT_ID: { schema: z.string().min(1), default: "language-quiz-service", description: "Kafka client id" },
  KAFKA_TOPIC_PREFIX: {
    schema: z.string().regex(/^[\w.-]*$/, { message: "may hold only letters, digits, '.', '_' and '-'" }),
    default: "",
    description: "prefix for every topic name, to share a cluster between environments",
  },
  KAFKA_TOPIC_PARTITIONS: {
    schema: int(1, 1000),
    default: "10",
    description: "partitions of the requests topic (grown at start, never shrunk)",
  },
  ENABLE_WORKER: {
    schema: bool,
    default: "false",
    description: "run the consumer loop in this process (`bun run dev` sets it)",
  },
  KAFKA_GROUP_ID: {
    schema: z.string().regex(/^[\w.-]+$/, { message: "may hold only letters, digits, '.', '_' and '-'" }),
    description: "consumer group of the workers; unset: `KAFKA_TOPIC_PREFIX` + `problem-generator-workers`",
  },
  WORKER_CONCURRENCY: {
    schema: int(1, 1000),
    default: "32",
    description: "messages in flight per process, across partitions (messages of one partition run concurrently)",
  },
  WORKER_TEST_MESSAGES: {
    schema: bool,
    default: "false",
    description: "handle `test` messages (`scripts/test-kafka-traffic.sh`); off: skipped as malformed (unknown type)",
  },
  LLM_MAX_CONCURRENCY: {
    schema: int(1, 1000),
    default: "16",
    description: "LLM calls in flight per process, shared by every message and statement (the provider's limit)",
  },
  WORKER_BREAKER_THRESHOLD: {
    schema: int(1, 1000),
    default: "5",
    description:
      "consecutive transient generator failures (LLM timeout, 429, 5xx) that open the breaker and pause consumption",
  },
  WORKER_BREAKER_HALF_OPEN_MS: {
    schema: int(100, 3600000),
    default: "10000",
    description: "how long an open breaker waits before one probe message may call the LLM again",
  },
  WORKER_SESSION_TIMEOUT_MS: {
    schema: int(6000, 300000),
    default: "10000",
    description: "consumer group session timeout: how long a dead worker's partitions wait before reassignment",
  },
  WORKER_HEARTBEAT_INTERVAL_MS: {
    schema: int(100, 100000),
    default: "3000",
    description: "consumer heartbeat interval; below the session timeout",
  },
  WORKER_READY_TTL_MS: {
    schema: int(1000, 600000),
    default: "5000",
    description: "the worker is not ready when the broker has not answered it for this long",
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: int(100, 600000),
    default: "25000",
    description: "drain deadline on SIGTERM; below `PLATFORM_KILL_TIMEOUT_MS`",
  },
  PLATFORM_KILL_TIMEOUT_MS: {
    schema: int(1000, 3600000),
    default: "30000",
    description: "when the platform kills us after SIGTERM (fly.toml `kill_timeout`)",
  },
  GENERATOR: {
    schema: z.enum(["template", "openai"]),
    default: "template",
    description: "`template` (offline) or `openai` (needs `OPENAI_API_KEY`)",
  },
  OPENAI_API_KEY: { schema: z.string().min(1), description: "key for the OpenAI-compatible endpoint", secret: true },
  OPENAI_BASE_URL: {
    schema: url(["http", "https"]),
    default: "https://api.openai.com/v1",
    description: "any OpenAI-compatible Chat Completions endpoint",
  },
  OPENAI_MODEL: { schema: z.string().min(1), default: "gpt-4o-mini", description: "model name" },
  OPENAI_TIMEOUT_MS: { schema: int(1000, 600000), default: "30000", description: "per-request LLM timeout" },
  LLM_OUTPUT_MAX_REGENERATIONS: {
    schema: int(0, 10),
    default: "2",
    description: "times a problem whose LLM wording fails the output checks is written again before the item fails",
  },
  LLM_JUDGE: {
    schema: bool,
    default: "false",
    description: "a second LLM call grades each problem's naturalness and rejects nonsense",
  },
  LLM_JUDGE_MODEL: { schema: z.string().min(1), default: "gpt-4o-mini", description: "model of the `LLM_JUDGE` call" },
  GENERATION_REQUEST_TTL_MS: {
    schema: int(1000, 86400000),
    default: "600000",
    description: "a request with no progress for this long becomes `expired`",
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
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    schema: url(["http", "https"]),
    description: "enables OTLP/HTTP protobuf metric export to `<endpoint>/v1/metrics`",
  },
  OTEL_METRIC_EXPORT_INTERVAL_MS: {
    schema: int(100, 3600000),
    default: "15000",
    description: "metric export interval",
  },
  OTEL_SERVICE_NAME: {
    schema: z.string().min(1),
    default: "language-quiz-service",
    description: "`service.name` resource attribute",
  },
  OTEL_RESOURCE_ATTRIBUTES: {
    schema: z
      .string()
      .regex(/^[^=,]+=[^,]*(,[^=,]+=[^,]*)*$/, { message: "must be key=value pairs separated by commas" }),
    description: "extra resource attributes, `key=value,...`",
  },
  FLY_MACHINE_ID: {
    schema: z.string().min(1),
    description: "set by Fly.io; becomes `service.instance.id` (else host name and pid)",
  },
  METRICS_PROMETHEUS: { schema: bool, default: "false", description: "serve Prometheus text format on `/metrics`" },
  LOG_LEVEL: {
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    default: "info",
    description: "pino log level",
  },
  ...ACCESS_VARIABLES,
} satisfies Record<string, Variable>;

type Name = keyof typeof VARIABLES;
type Parsed = {
  [K in Name]: (typeof VARIABLES)[K] extends { default: string }
    ? z.output<(typeof VARIABLES)[K]["schema"]>
    : z.output<(typeof VARIABLES)[K]["schema"]> | undefined;
};

/** Raised for a bad environment; its message names each variable and value at fault. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function shown(name: Name, raw: string): string {
  const variable: Variable = VARIABLES[name];
  if (!variable.secret) return JSON.stringify(raw);
  // A URL keeps its host (useful in the message) but never its password.
  try {
    const u = new URL(raw);
    if (u.password) u.password = "***";
    return name === "DATABASE_URL" ? JSON.stringify(u.toString()) : '"***"';
  } catch {
    return '"***"';
  }
}

function parseVariables(env: Record<string, string | undefined>): Parsed {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(VARIABLES) as [Name, Variable][]) {
    // Empty counts as unset: compose files and shells often export VAR= for "no value".
    const raw = env[name] === "" ? undefined : env[name];
    const input = raw ?? variable.default;
    if (input === undefined) continue;
    const result = variable.schema.safeParse(input);
    if (result.success) out[name] = result.data;
    else problems.push(`${name}=${shown(name, input)} ${result.error.issues[0]?.message ?? "is invalid"}`);
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Parsed;
}

function crossCheck(v: Parsed): string[] {
  const problems: string[] = [];
  if (v.WORKER_HEARTBEAT_INTERVAL_MS >= v.WORKER_SESSION_TIMEOUT_MS) {
    problems.push(
      `WORKER_HEARTBEAT_INTERVAL_MS=${v.WORKER_HEARTBEAT_INTERVAL_MS} must be below WORKER_SESSION_TIMEOUT_MS=${v.WORKER_SESSION_TIMEOUT_MS}`,
    );
  }
  if (v.SHUTDOWN_TIMEOUT_MS >= v.PLATFORM_KILL_TIMEOUT_MS) {
    problems.push(
      `SHUTDOWN_TIMEOUT_MS=${v.SHUTDOWN_TIMEOUT_MS} must be below PLATFORM_KILL_TIMEOUT_MS=${v.PLATFORM_KILL_TIMEOUT_MS}, or in-flight work is killed mid-drain`,
    );
  }
  if (v.GENERATOR === "openai" && !v.OPENAI_API_KEY) problems.push('GENERATOR="openai" needs OPENAI_API_KEY');
  if (v.NODE_ENV === "production" && !v.DATABASE_URL)
    problems.push('NODE_ENV="production" needs DATABASE_URL: the embedded database is for development only');
  if (v.NODE_ENV === "production" && !v.KAFKA_BOOTSTRAP_SERVERS) {
    problems.push(
      'NODE_ENV="production" needs KAFKA_BOOTSTRAP_SERVERS: the in-process queue is lost on restart and unseen by other instances',
    );
  }
  problems.push(...checkAccess(v));
  return problems;
}

function shape(v: Parsed) {
  return {
    env: v.NODE_ENV,
    http: { port: v.PORT, host: v.HOST, requestTimeoutMs: v.REQUEST_TIMEOUT_MS },
    database: { url: v.DATABASE_URL, pgliteDataDir: v.PGLITE_DATA_DIR, poolMax: v.DATABASE_POOL_MAX },
    serving: { pickBatchMax: v.RANDOM_PICK_BATCH_MAX, pickInFlight: v.RANDOM_PICK_IN_FLIGHT },
    /** `brokers` unset: the in-process queue (development only). */
    kafka: {
      brokers: v.KAFKA_BOOTSTRAP_SERVERS,
      clientId: v.KAFKA_CLIENT_ID,
      requestPartitions: v.KAFKA_TOPIC_PARTITIONS,
      topicPrefix: v.KAFKA_TOPIC_PREFIX,
    },
    worker: {
      enabled: v.ENABLE_WORKER,
      // Per environment: environments sharing a broker through a prefix must not share (and steal) partitions.
      groupId: v.KAFKA_GROUP_ID ?? `${v.KAFKA_TOPIC_PREFIX}problem-generator-workers`,
      concurrency: v.WORKER_CONCURRENCY,
      sessionTimeoutMs: v.WORKER_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: v.WORKER_HEARTBEAT_INTERVAL_MS,
      readyTtlMs: v.WORKER_READY_TTL_MS,
      testMessages: v.WORKER_TEST_MESSAGES,
      breaker: { threshold: v.WORKER_BREAKER_THRESHOLD, halfOpenAfterMs: v.WORKER_BREAKER_HALF_OPEN_MS },
    },
    generator:
      v.GENERATOR === "openai" && v.OPENAI_API_KEY
        ? {
            kind: "openai" as const,
            apiKey: v.OPENAI_API_KEY,
            baseUrl: v.OPENAI_BASE_URL,
            model: v.OPENAI_MODEL,
            timeoutMs: v.OPENAI_TIMEOUT_MS,
            maxConcurrency: v.LLM_MAX_CONCURRENCY,
            maxRegenerations: v.LLM_OUTPUT_MAX_REGENERATIONS,
            judgeModel: v.LLM_JUDGE ? v.LLM_JUDGE_MODEL : undefined,
          }
        : { kind: "template" as const },
    generation: {
      requestTtlMs: v.GENERATION_REQUEST_TTL_MS,
      poolMinUnserved: v.POOL_MIN_UNSERVED,
      poolRefillCount: v.POOL_REFILL_COUNT,
      seedOnEmpty: v.SEED_ON_EMPTY,
    },
    telemetry: {
      otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT,
      exportIntervalMs: v.OTEL_METRIC_EXPORT_INTERVAL_MS,
      serviceName: v.OTEL_SERVICE_NAME,
      resourceAttributes: parseResourceAttributes(v.OTEL_RESOURCE_ATTRIBUTES ?? ""),
      prometheus: v.METRICS_PROMETHEUS,
      instanceId: v.FLY_MACHINE_ID ?? `${hostname()}-${process.pid}`,
    },
    access: {
      requireAuth: authRequired(v),
      clientIpHeader: v.CLIENT_IP_HEADER,
      metricsToken: v.METRICS_TOKEN,
      corsOrigins: v.CORS_ORIGINS ?? [],
      rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE,
      quotaPerKeyPerHour: v.GENERATION_QUOTA_PER_KEY_PER_HOUR,
      quotaGlobalPerHour: v.GENERATION_QUOTA_GLOBAL_PER_HOUR,
      refillMaxPerHour: v.POOL_REFILL_MAX_PER_HOUR,
      usageFlushMs: v.API_KEY_USAGE_FLUSH_MS,
    },
    logLevel: v.LOG_LEVEL,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
  };
}

export type Config = DeepReadonly<ReturnType<typeof shape>>;
type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Parses the environment once. Throws ConfigError naming every bad variable and its value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseVariables(env);
  const problems = crossCheck(parsed);
  if (problems.length) throw new ConfigError(problems);
  return deepFreeze(shape(parsed));
}

/** The README's configuration table, rendered from VARIABLES. */
export function configTableMarkdown(): string {
  const rows = (Object.entries(VARIABLES) as [Name, Variable][]).map(
    ([name, v]) => `| \`${name}\` | ${v.default === undefined ? "unset" : `\`${v.default}\``} | ${v.description} |`,
  );
  return ["| Variable | Default | Meaning |", "|---|---|---|", ...rows].join("\n");
}

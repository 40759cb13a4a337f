import { describe, expect, test } from "bun:test";
import { ConfigError, configTableMarkdown, loadConfig, VARIABLES } from "../../src/config";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("config defaults", () => {
  const config = loadConfig({});
  test("development on port 8000 with embedded PGlite, template generator, no Kafka, worker off", () => {
    expect(config.env).toBe("development");
    expect(config.http.port).toBe(8000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.pgliteDataDir).toBe(".data/pglite");
    expect(config.kafka.brokers).toBeUndefined();
    expect(config.worker.enabled).toBe(false);
    expect(config.worker.groupId).toBe("problem-generator-workers");
    expect(config.generator.kind).toBe("template");
    expect(config.telemetry.otlpEndpoint).toBeUndefined();
    expect(config.telemetry.exportIntervalMs).toBe(15000);
    expect(config.logLevel).toBe("info");
    expect(config.shutdownTimeoutMs).toBe(25000);
  });

  test("is deeply frozen", () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.worker)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow();
  });

  test("an empty string counts as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "" }).http.port).toBe(8000);
  });
});

describe("the worker's consumer group is per environment", () => {
  test("derived from the topic prefix, so environments sharing a broker never share partitions", () => {
    expect(loadConfig({}).worker.groupId).toBe("problem-generator-workers");
    expect(loadConfig({ KAFKA_TOPIC_PREFIX: "staging-" }).worker.groupId).toBe("staging-problem-generator-workers");
  });

  test("KAFKA_GROUP_ID overrides it", () => {
    expect(loadConfig({ KAFKA_TOPIC_PREFIX: "staging-", KAFKA_GROUP_ID: "lqs" }).worker.groupId).toBe("lqs");
  });
});

describe("config parses each variable", () => {
  test("values are typed", () => {
    const c = loadConfig({
      PORT: "9000",
      DATABASE_URL: "postgres://u:p@db:5432/x",
      KAFKA_BOOTSTRAP_SERVERS: "a:9092, b:9093",
      ENABLE_WORKER: "true",
      WORKER_CONCURRENCY: "8",
      WORKER_TEST_MESSAGES: "yes",
      GENERATOR: "openai",
      OPENAI_API_KEY: "sk-test",
      OPENAI_MODEL: "m",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=staging,team=quiz,note=a%20b=c",
      LOG_LEVEL: "debug",
      SHUTDOWN_TIMEOUT_MS: "1000",
    });
    expect(c.http.port).toBe(9000);
    expect(c.kafka.brokers).toEqual(["a:9092", "b:9093"]);
    expect(c.worker).toMatchObject({ enabled: true, concurrency: 8, testMessages: true });
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/x", KAFKA_BOOTSTRAP_SERVERS: "k:9092" };
    expect(loadConfig(production).worker.testMessages).toBe(false);
    expect(c.generator).toMatchObject({ maxConcurrency: 16 });
    expect(c.generator).toMatchObject({ kind: "openai", model: "m", baseUrl: "https://api.openai.com/v1" });
    expect(c.telemetry.resourceAttributes).toEqual({
      "deployment.environment": "staging",
      team: "quiz",
      note: "a b=c",
    });
    expect(c.logLevel).toBe("debug");
  });

  test("breaker timings reach the worker; the judge model is set only with LLM_JUDGE=true", () => {
    const openai = { GENERATOR: "openai", OPENAI_API_KEY: "sk-test" };
    const c = loadConfig({
      ...openai,
      WORKER_BREAKER_THRESHOLD: "3",
      WORKER_BREAKER_HALF_OPEN_MS: "2000",
      LLM_OUTPUT_MAX_REGENERATIONS: "0",
      LLM_JUDGE: "true",
      LLM_JUDGE_MODEL: "gpt-4.1-nano",
    });
    expect(c.worker.breaker).toEqual({ threshold: 3, halfOpenAfterMs: 2000 });
    expect(c.generator).toMatchObject({ maxRegenerations: 0, judgeModel: "gpt-4.1-nano" });
    const defaults = loadConfig({ ...openai, LLM_JUDGE_MODEL: "gpt-4.1-nano" });
    expect(defaults.worker.breaker).toEqual({ threshold: 5, halfOpenAfterMs: 10_000 });
    expect(defaults.generator).toMatchObject({ maxRegenerations: 2, judgeModel: undefined });
  });

  const invalid: [string, string, string][] = [
    ["PORT", "abc", "must be a whole number"],
    ["PORT", "1e3", "must be a whole number"],
    ["PORT", " ", "must be a whole number"],
    ["PORT", "70000", "must be a whole number from 0 to 65535"],
    ["NODE_ENV", "staging", "Invalid option"],
    ["DATABASE_URL", "mysql://x@y/z", "must use postgres or postgresql"],
    ["DATABASE_POOL_MAX", "0", "must be a whole number from 1 to 100"],
    ["RANDOM_PICK_BATCH_MAX", "101", "must be a whole number from 1 to 100"],
    ["RANDOM_PICK_IN_FLIGHT", "0", "must be a whole number from 1 to 100"],
    ["KAFKA_BOOTSTRAP_SERVERS", "localhost", "host:port"],
    ["KAFKA_TOPIC_PARTITIONS", "-1", "must be a whole number from"],
    ["KAFKA_TOPIC_PREFIX", "a b", "may hold only"],
    ["ENABLE_WORKER", "sometimes", "must be true or false"],
    ["WORKER_TEST_MESSAGES", "maybe", "must be true or false"],
    ["WORKER_CONCURRENCY", "1.5", "must be a whole number"],
    ["WORKER_CONCURRENCY", "0", "from 1 to 1000"],
    ["LLM_MAX_CONCURRENCY", "0", "from 1 to 1000"],
    ["KAFKA_GROUP_ID", "a b", "may hold only"],
    ["WORKER_SESSION_TIMEOUT_MS", "10", "must be a whole number from"],
    ["WORKER_HEARTBEAT_INTERVAL_MS", "x", "must be a whole number"],
    ["WORKER_READY_TTL_MS", "999", "must be a whole number from 1000 to 600000"],
    ["REQUEST_TIMEOUT_MS", "0", "must be a whole number from 100 to 120000"],
    ["SHUTDOWN_TIMEOUT_MS", "5", "must be a whole number from"],
    ["PLATFORM_KILL_TIMEOUT_MS", "5", "must be a whole number from"],
    ["GENERATOR", "gpt", "Invalid option"],
    ["OPENAI_BASE_URL", "ftp://x", "must use http or https"],
    ["OPENAI_TIMEOUT_MS", "0", "must be a whole number from"],
    ["WORKER_BREAKER_THRESHOLD", "0", "must be a whole number from 1"],
    ["WORKER_BREAKER_HALF_OPEN_MS", "soon", "must be a whole number"],
    ["LLM_OUTPUT_MAX_REGENERATIONS", "11", "must be a whole number from 0 to 10"],
    ["LLM_JUDGE", "yes please", "must be true or false"],
    ["GENERATION_REQUEST_TTL_MS", "nope", "must be a whole number"],
    ["POOL_MIN_UNSERVED", "-3", "must be a whole number from"],
    ["POOL_REFILL_COUNT", "1000", "must be a whole number from 1 to 100"],
    ["SEED_ON_EMPTY", "many", "must be a whole number"],
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318", "must use http or https"],
    ["OTEL_METRIC_EXPORT_INTERVAL_MS", "1", "must be a whole number from"],
    ["OTEL_RESOURCE_ATTRIBUTES", "novalue", "key=value"],
    ["METRICS_PROMETHEUS", "on", "must be true or false"],
    ["LOG_LEVEL", "loud", "Invalid option"],
    ["REQUIRE_AUTH", "maybe", "must be true or false"],
    ["CLIENT_IP_HEADER", "X Forwarded", "must be a header name"],
    ["CORS_ORIGINS", "https://a.example/path", "comma list of origins"],
    ["RATE_LIMIT_PER_MINUTE", "0", "must be a whole number from 1"],
    ["GENERATION_QUOTA_PER_KEY_PER_HOUR", "-1", "must be a whole number"],
    ["GENERATION_QUOTA_GLOBAL_PER_HOUR", "lots", "must be a whole number"],
    ["POOL_REFILL_MAX_PER_HOUR", "0", "must be a whole number from 1"],
    ["API_KEY_USAGE_FLUSH_MS", "5", "must be a whole number from 100"],
  ];
  test.each(invalid)(
    "%s=%s stops the start with a message naming the variable and the value",
    (name, value, reason) => {
      const [problem, ...rest] = problemsOf({ [name]: value });
      expect(rest).toEqual([]);
      expect(problem).toStartWith(`${name}=${JSON.stringify(value)}`);
      expect(problem).toContain(reason);
    },
  );

  test("a too short METRICS_TOKEN is refused without echoing it", () => {
    expect(problemsOf({ METRICS_TOKEN: "short" })).toEqual(['METRICS_TOKEN="***" must be at least 16 characters']);
  });

  test("REQUIRE_AUTH=false is refused in production", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://db/x",
      KAFKA_BOOTSTRAP_SERVERS: "k:9092",
      REQUIRE_AUTH: "false",
    });
    expect(problems).toEqual([expect.stringContaining('REQUIRE_AUTH="false" is refused in production')]);
  });

  test('CORS_ORIGINS="*" is refused in production, allowed in development', () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/x", KAFKA_BOOTSTRAP_SERVERS: "k:9092" };
    expect(problemsOf({ ...production, CORS_ORIGINS: "*" })).toEqual([
      expect.stringContaining('CORS_ORIGINS="*" is refused in production'),
    ]);
    expect(loadConfig({ CORS_ORIGINS: "*" }).access.corsOrigins).toEqual(["*"]);
  });

  test("auth is on by default in production and with a real database, off only for the embedded quick start", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://db/x", KAFKA_BOOTSTRAP_SERVERS: "k:9092" };
    expect(loadConfig(production).access.requireAuth).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://db/x" }).access.requireAuth).toBe(true);
    expect(loadConfig({}).access.requireAuth).toBe(false);
    expect(loadConfig({ REQUIRE_AUTH: "true" }).access.requireAuth).toBe(true);
  });

  test("every variable has an invalid-value case, except free-text ones", () => {
    const freeText = [
      "HOST",
      "PGLITE_DATA_DIR",
      "KAFKA_CLIENT_ID",
      "FLY_MACHINE_ID",
      "OPENAI_API_KEY",
      "OPENAI_MODEL",
      "LLM_JUDGE_MODEL",
      "OTEL_SERVICE_NAME",
      "METRICS_TOKEN",
    ];
    const covered = new Set([...invalid.map(([name]) => name), ...freeText]);
    expect(Object.keys(VARIABLES).filter((n) => !covered.has(n))).toEqual([]);
  });

  test("reports every bad variable at once", () => {
    expect(problemsOf({ PORT: "x", LOG_LEVEL: "y" })).toHaveLength(2);
  });

  test("an unparseable DATABASE_URL is reported without echoing it (it may hold a password)", () => {
    expect(problemsOf({ DATABASE_URL: "hunter2@db" })).toEqual([
      'DATABASE_URL="***" must be a URL (postgres or postgresql)',
    ]);
  });

  test("never echoes a database password or an API key", () => {
    const [db] = problemsOf({ DATABASE_URL: "mysql://user:hunter2@db/x" });
    expect(db).not.toContain("hunter2");
    expect(db).toContain("***");
  });
});

describe("config cross-field rules", () => {
  test("heartbeat must be below the session timeout", () => {
    expect(problemsOf({ WORKER_HEARTBEAT_INTERVAL_MS: "30000", WORKER_SESSION_TIMEOUT_MS: "30000" })[0]).toContain(
      "must be below WORKER_SESSION_TIMEOUT_MS",
    );
  });
  test("the shutdown timeout must be below the platform kill timeout", () => {
    expect(problemsOf({ SHUTDOWN_TIMEOUT_MS: "30000" })[0]).toContain("must be below PLATFORM_KILL_TIMEOUT_MS");
  });
  test("the openai generator needs a key", () => {
    expect(problemsOf({ GENERATOR: "openai" })).toEqual(['GENERATOR="openai" needs OPENAI_API_KEY']);
  });
  test("production needs a real database", () => {
    expect(problemsOf({ NODE_ENV: "production" })[0]).toContain("needs DATABASE_URL");
  });
  test.each([["true"], ["false"]])(
    "production needs Kafka, with ENABLE_WORKER=%s too (generation requests would vanish)",
    (worker) => {
      expect(
        problemsOf({ NODE_ENV: "production", DATABASE_URL: "postgres://db/x", ENABLE_WORKER: worker })[0],
      ).toContain("needs KAFKA_BOOTSTRAP_SERVERS");
    },
  );
});

test("the README's configuration table matches config.ts", async () => {
  const readme = await Bun.file(new URL("../../README.md", import.meta.url)).text();
  expect(readme).toContain(configTableMarkdown());
});

import { describe, expect, test } from "bun:test";
import { loadConfig, VARIABLES } from "../../../src/config";
import { durationMs, packageJson, readToml } from "./config-files";

interface FlyCheck {
  path?: string;
  method?: string;
  interval?: string;
  timeout?: string;
  grace_period?: string;
}
interface FlyApp {
  app: string;
  kill_signal?: string;
  kill_timeout?: string | number;
  build?: { dockerfile?: string };
  deploy?: { release_command?: string };
  env?: Record<string, string>;
  http_service?: { internal_port?: number; checks?: FlyCheck[]; min_machines_running?: number };
  checks?: Record<string, FlyCheck & { type?: string; port?: number }>;
}

const app = () => readToml<FlyApp>("fly.toml");

describe("fly.toml (the app)", () => {
  test("Fly kills the machine only after the service's drain deadline", async () => {
    const fly = await app();
    const killMs = durationMs(fly.kill_timeout ?? 5);
    expect(fly.kill_signal ?? "SIGINT").toBe("SIGTERM");
    expect(Number(fly.env?.SHUTDOWN_TIMEOUT_MS)).toBeLessThan(killMs);
    expect(Number(fly.env?.PLATFORM_KILL_TIMEOUT_MS)).toBe(killMs);
  });

  test("liveness routes traffic; readiness is a machine check on the service port that does not pull HTTP out of rotation", async () => {
    const fly = await app();
    const paths = (fly.http_service?.checks ?? []).map((c) => c.path);
    expect(paths).toEqual(["/health/live"]);
    const ready = Object.values(fly.checks ?? {}).find((c) => c.path === "/health/ready");
    expect(ready).toMatchObject({ type: "http", port: Number(fly.env?.PORT) });
    for (const check of [...(fly.http_service?.checks ?? []), ...Object.values(fly.checks ?? {})]) {
      expect(durationMs(check.timeout ?? "2s")).toBeLessThan(durationMs(check.interval ?? "15s"));
    }
    expect(fly.http_service?.internal_port).toBe(Number(fly.env?.PORT));
    expect(fly.http_service?.min_machines_running ?? 0).toBeGreaterThanOrEqual(1);
  });

  test("the release command runs the migrations", async () => {
    const fly = await app();
    expect(fly.deploy?.release_command).toBe("bun run db:migrate");
    expect((await packageJson()).scripts["db:migrate"]).toBeDefined();
    expect(fly.build?.dockerfile).toBe("Dockerfile");
  });

  test("the app reaches the Kafka app on its private address", async () => {
    const fly = await app();
    const kafka = await readToml<FlyApp>("infra/kafka/fly.toml");
    expect(fly.env?.KAFKA_BOOTSTRAP_SERVERS).toBe(`${kafka.app}.internal:9092`);
    expect(fly.env?.ENABLE_WORKER).toBe("true");
  });

  test("every [env] variable is one the service reads, and the values pass its checks", async () => {
    const env = (await app()).env ?? {};
    expect(Object.keys(env).filter((v) => !(v in VARIABLES))).toEqual([]);
    // DATABASE_URL is a Fly secret; stand one in to check the rest.
    expect(() => loadConfig({ ...env, DATABASE_URL: "postgres://u:p@db.internal:5432/quiz" })).not.toThrow();
  });
});

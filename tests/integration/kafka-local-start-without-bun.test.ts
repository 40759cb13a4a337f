import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Regression: with no bun on the PATH, `start` launched the broker, then failed at the readiness probe (which is a
// bun script) and exited 1, leaving the broker running with nobody to stop it.
test("kafka-local.sh start without bun on the PATH refuses before starting anything", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "lqs-kafka-nobun-"));
  try {
    const path = (process.env.PATH ?? "")
      .split(":")
      .filter((dir) => dir && !existsSync(join(dir, "bun")))
      .join(":");
    const child = Bun.spawn(["bash", "scripts/kafka-local.sh", "start"], {
      env: { PATH: path, HOME: process.env.HOME ?? "/root", KAFKA_DATA_DIR: dataDir, KAFKA_PORT: "1" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);

    expect(code).not.toBe(0);
    expect(stderr).toContain("bun not found on PATH");
    // No broker process, no storage, no pid file: nothing was left behind to stop.
    expect((await readdir(dataDir)).filter((f) => f !== ".lock")).toEqual([]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

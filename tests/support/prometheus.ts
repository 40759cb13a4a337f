import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually } from "./logs";
import { freePort } from "./ports";
import { requireTool } from "./tools";

/** One series of an instant query's answer. */
export interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface PrometheusServer {
  url: string;
  /** An instant query through the HTTP API; rejects when Prometheus answers with an error. */
  query(expr: string): Promise<Sample[]>;
  stop(): Promise<void>;
}

/**
 * Debian's real `prometheus`, scraping `targets` every second as the job `job`, with its data in a temporary
 * directory. Resolves once the targets are up; `stop()` ends the process and removes the directory.
 */
export async function startPrometheus(options: { job: string; targets: string[] }): Promise<PrometheusServer> {
  const binary = requireTool("prometheus", "prometheus");
  const dir = await mkdtemp(join(tmpdir(), "lqs-prometheus-"));
  const config = [
    "global:",
    "  scrape_interval: 1s",
    "  scrape_timeout: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    `  - job_name: ${JSON.stringify(options.job)}`,
    "    static_configs:",
    `      - targets: ${JSON.stringify(options.targets)}`,
  ].join("\n");
  await writeFile(join(dir, "prometheus.yml"), config);

  // The port is picked before Prometheus binds it: if something took it in between, try another.
  for (let attempt = 1; ; attempt++) {
    const port = freePort();
    const child = Bun.spawn(
      [
        binary,
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--log.level=warn",
      ],
      { stdout: "ignore", stderr: "pipe" },
    );
    const url = `http://127.0.0.1:${port}`;
    const end = async () => {
      child.kill("SIGTERM");
      const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(10_000).then(() => false)]);
      if (!exited) child.kill("SIGKILL");
      await child.exited;
    };
    const stop = async () => {
      await end();
      await rm(dir, { recursive: true, force: true });
    };
    const query = async (expr: string): Promise<Sample[]> => {
      const res = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body = (await res.json()) as { status: string; error?: string; data?: { result: Sample[] } };
      if (body.status !== "success") throw new Error(`Prometheus refused ${expr}: ${body.error}`);
      return body.data?.result ?? [];
    };
    try {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
          return (await fetch(`${url}/-/ready`)).ok;
        },
        30_000,
        "prometheus ready",
      );
      await eventually(
        async () => (await query(`up{job=${JSON.stringify(options.job)}} == 1`)).length === options.targets.length,
        30_000,
        "every target scraped",
      );
      return { url, query, stop };
    } catch (error) {
      const stderr = child.exitCode !== null ? await new Response(child.stderr).text() : "";
      await end();
      if (attempt >= 3 || !stderr.includes("address already in use")) {
        await rm(dir, { recursive: true, force: true });
        throw new Error(`prometheus did not start: ${(error as Error).message}\n${stderr}`);
      }
    }
  }
}

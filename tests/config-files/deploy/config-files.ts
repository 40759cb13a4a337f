import { join, resolve } from "node:path";
import TOML from "@iarna/toml";
import { parse as parseYaml } from "yaml";

/**
 * Readers for the deployment files (compose, collector, Prometheus, Grafana provisioning, Fly, Dockerfiles, CI).
 * No Docker engine or flyctl exists on the build machines, so these files are checked by parsing and cross-checking
 * them, never by running them.
 */

export const ROOT = resolve(import.meta.dir, "../../..");

export const readText = (path: string) => Bun.file(join(ROOT, path)).text();

/** YAML with `<<` merge keys resolved (compose.yaml shares the app's settings through anchors). */
export async function readYaml<T>(path: string): Promise<T> {
  return parseYaml(await readText(path), { merge: true }) as T;
}

export async function readToml<T>(path: string): Promise<T> {
  return TOML.parse(await readText(path)) as T;
}

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  restart?: string;
  stop_grace_period?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const readCompose = () => readYaml<ComposeFile>("compose.yaml");

export function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no service "${name}"`);
  return found;
}

/** A service's environment as strings, whichever of the two compose syntaxes it uses. */
export function environmentOf(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf("=");
        return at < 0 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? "" : String(v)]));
}

/** Short-syntax volume entries (`source:target[:mode]`) as objects. */
export function mountsOf(svc: ComposeService): { source: string; target: string; readOnly: boolean }[] {
  return (svc.volumes ?? []).map((entry) => {
    const [source = "", target = "", mode = ""] = entry.split(":");
    return { source, target, readOnly: mode.split(",").includes("ro") };
  });
}

export function commandOf(svc: ComposeService): string {
  return Array.isArray(svc.command) ? svc.command.join(" ") : (svc.command ?? "");
}

export function dependsOn(svc: ComposeService): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, "service_started"]));
  return Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.condition ?? "service_started"]));
}

/** `30s`, `1m30s`, `500ms` (Go/compose durations) or a number of seconds (fly.toml also accepts one). */
export function durationMs(value: string | number): number {
  if (typeof value === "number") return value * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let matched = "";
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(m[1]) * (units[m[2] as string] as number);
    matched += m[0];
  }
  if (matched !== value.trim()) throw new Error(`not a duration: ${value}`);
  return total;
}

export interface DockerInstruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions in order: comments dropped, `\` continuations joined, keywords upper-cased. */
export function parseDockerfile(text: string): DockerInstruction[] {
  const logical: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#") || (line === "" && pending === "")) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push((pending + line).trim());
    pending = "";
  }
  if (pending) logical.push(pending.trim());
  return logical.filter(Boolean).map((line) => {
    const [keyword = "", ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
  });
}

/** `host:port` of a URL or of a bare `host:port`. */
export function hostPort(address: string): { host: string; port: number } {
  const url = new URL(address.includes("://") ? address : `tcp://${address}`);
  const defaults: Record<string, number> = { "http:": 80, "https:": 443 };
  return { host: url.hostname, port: url.port ? Number(url.port) : (defaults[url.protocol] ?? 0) };
}

export async function packageJson(): Promise<{ packageManager?: string; scripts: Record<string, string> }> {
  return JSON.parse(await readText("package.json"));
}

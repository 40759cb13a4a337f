import { describe, expect, test } from "bun:test";
import { dirname, join, relative, resolve } from "node:path";
import { Glob } from "bun";

/**
 * Imports flow one way: edges (http, worker, cli) -> generation -> problems | queue | db | serving -> config |
 * telemetry, with shared leaf modules (errors, deadline) and the problem domain (types, validation) usable from
 * anywhere. Each source file belongs to one module below; a module may import only itself and the modules listed
 * for it. Type-only imports are erased at build time and are not checked: routes and the worker receive their
 * repositories injected and may name their types.
 */
const BASE = ["config", "telemetry", "errors", "deadline"];
const DOMAIN = [...BASE, "domain"];

const ALLOWED: Record<string, readonly string[]> = {
  // Leaves: configuration, telemetry and the shared error/deadline helpers.
  config: BASE,
  telemetry: BASE,
  errors: BASE,
  deadline: BASE,
  // The problem domain: what a problem and a generation request are, in plain zod.
  domain: DOMAIN,
  // Building blocks: the grammar, the planner and generators, storage, the queue, pool serving, API keys.
  french: DOMAIN,
  planner: [...DOMAIN, "french"],
  generators: [...DOMAIN, "planner", "french"],
  db: DOMAIN,
  queue: DOMAIN,
  serving: [...DOMAIN, "db"],
  access: [...DOMAIN, "db"],
  // Orchestration: submitting, writing, expiring and seeding generations.
  generation: [...DOMAIN, "db", "queue", "serving", "planner", "generators"],
  // Edges: they parse, call generation (or their own transport) and present.
  http: [...DOMAIN, "generation", "access"],
  worker: [...DOMAIN, "generation", "queue"],
  cli: DOMAIN,
  // The composition root wires every part together.
  root: [
    ...DOMAIN,
    ...["french", "planner", "generators", "db", "queue", "serving", "access", "generation"],
    ...["http", "worker", "cli"],
  ],
};

const SRC = resolve(import.meta.dir, "../../../src");

function moduleOf(file: string): string {
  const path = file.replace(/\.(ts|tsx|js)$/, "");
  if (["main", "service", "wiring", "shutdown-stack", "health"].includes(path)) return "root";
  if (["problems/types", "problems/validation", "problems/generation-requests", "access/scopes"].includes(path))
    return "domain";
  const [top = path, sub] = path.split("/");
  if (top === "problems" && sub) return sub;
  return top;
}

type Edge = { from: string; to: string };

async function importGraph(): Promise<Edge[]> {
  const transpiler = new Bun.Transpiler({ loader: "tsx" });
  const edges: Edge[] = [];
  for (const file of new Glob("**/*.{ts,tsx}").scanSync(SRC)) {
    // The CLI entry starts with a shebang, which the transpiler does not accept.
    const source = (await Bun.file(join(SRC, file)).text()).replace(/^#!.*/, "");
    for (const { path } of transpiler.scanImports(source)) {
      if (!path.startsWith(".")) continue;
      const target = relative(SRC, resolve(dirname(join(SRC, file)), path));
      if (target.startsWith("..")) continue; // package.json and other files outside src/
      edges.push({ from: file.replace(/\.(ts|tsx)$/, ""), to: target.replace(/\.(ts|tsx|js)$/, "") });
    }
  }
  return edges;
}

function cyclesBetweenModules(edges: Edge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [moduleOf(from), moduleOf(to)];
    if (a === b) continue;
    next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, stack: string[]) => {
    const at = stack.indexOf(node);
    if (at >= 0) return void cycles.push([...stack.slice(at), node]);
    if (done.has(node)) return;
    for (const n of next.get(node) ?? []) visit(n, [...stack, node]);
    done.add(node);
  };
  for (const node of next.keys()) visit(node, []);
  return cycles;
}

describe("imports flow one way", () => {
  test("every source file belongs to a module in the table", async () => {
    const unknown = (await importGraph())
      .flatMap(({ from, to }) => [from, to])
      .filter((f) => !(moduleOf(f) in ALLOWED));
    expect([...new Set(unknown)]).toEqual([]);
  });

  test("no module imports one it may not", async () => {
    const edges = await importGraph();
    expect(edges.length).toBeGreaterThan(100); // the scan really read the sources
    const against = edges
      .filter(({ from, to }) => moduleOf(from) !== moduleOf(to) && !ALLOWED[moduleOf(from)]?.includes(moduleOf(to)))
      .map(({ from, to }) => `${from} -> ${to}`);
    expect(against).toEqual([]);
  });

  test("no cycle between modules", async () => {
    expect(cyclesBetweenModules(await importGraph())).toEqual([]);
  });

  test("the check catches an import against the flow and a cycle", () => {
    const upward = [{ from: "db/schema", to: "generation/submit" }];
    expect(ALLOWED[moduleOf("db/schema")]).not.toContain(moduleOf("generation/submit"));
    expect(cyclesBetweenModules([...upward, { from: "generation/submit", to: "db/schema" }])).toEqual([
      ["db", "generation", "db"],
    ]);
  });
});

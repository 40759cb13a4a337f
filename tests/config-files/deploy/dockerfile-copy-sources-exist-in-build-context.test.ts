import { describe, expect, test } from "bun:test";
import { dirname, join, normalize } from "node:path";
import dockerignore from "@balena/dockerignore";
import { type ComposeService, ROOT, readCompose, readText, readToml, readYaml } from "./config-files";

/**
 * Every image is built from a build context: the directory `fly deploy` runs in (or names), or compose's
 * `build.context`. A COPY source that is not in that context, or that the context's .dockerignore leaves out, fails
 * the build. No Docker engine or flyctl runs here, so this resolves each COPY of each Dockerfile the way the builder
 * would, against the files git tracks (what a clean clone has).
 *
 * Regression: the Kafka app was documented as `fly deploy --config infra/kafka/fly.toml` from the repository root,
 * so its context was the root, where `COPY entrypoint.sh` finds nothing and .dockerignore excludes infra/.
 */

const tracked = Bun.spawnSync(["git", "ls-files"], { cwd: ROOT }).stdout.toString().split("\n").filter(Boolean);

interface Build {
  /** Where the build is documented or configured. */
  origin: string;
  /** Build context, relative to the repository root ("" for the root). */
  context: string;
  /** Dockerfile, relative to the repository root. */
  dockerfile: string;
}

/** The sources of every COPY/ADD that reads the build context (not `--from` another stage or image). */
function copySources(dockerfile: string): string[] {
  const logical = dockerfile.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  return logical.flatMap((line) => {
    const match = line.trim().match(/^(COPY|ADD)\s+(.*)$/i);
    if (!match) return [];
    const words = (match[2] as string).trim();
    const args = words.startsWith("[") ? (JSON.parse(words) as string[]) : words.split(/\s+/);
    if (args.some((a) => a.startsWith("--from="))) return [];
    const operands = args.filter((a) => !a.startsWith("--"));
    return operands.slice(0, -1);
  });
}

/** Tracked files the builder would send for `source` in `context`: the file itself, or everything under a directory. */
async function filesSent(context: string, source: string): Promise<string[]> {
  const prefix = context ? `${context}/` : "";
  const ignorePath = join(context, ".dockerignore");
  const ignore = dockerignore().add(
    tracked.includes(ignorePath)
      ? (await readText(ignorePath)).split("\n").filter((l) => l.trim() && !l.startsWith("#"))
      : [],
  );
  const wanted = normalize(source)
    .replace(/^\.\/?/, "")
    .replace(/\/$/, "");
  const glob = new Bun.Glob(wanted);
  return tracked
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length))
    .filter((file) => file === wanted || file.startsWith(`${wanted}/`) || glob.match(file))
    .filter((file) => !ignore.ignores(file));
}

/** The `fly deploy` commands the repository documents, with the directory each runs in. */
async function documentedFlyDeploys(): Promise<{ origin: string; cwd: string; command: string }[]> {
  const found: { origin: string; cwd: string; command: string }[] = [];
  const deploy = /(?:cd\s+(\S+)\s*&&\s*)?(?:fly|flyctl)\s+deploy\b([^`\n|;(#]*)/g;
  for (const file of ["README.md", "docs/operations.md", "infra/kafka/README.md", "fly.toml", ...flyConfigs()]) {
    for (const m of (await readText(file)).matchAll(deploy)) {
      found.push({ origin: file, cwd: m[1] ?? "", command: (m[2] as string).trim() });
    }
  }
  const workflow = await readYaml<{
    jobs: Record<string, { steps: { run?: string; "working-directory"?: string }[] }>;
  }>(".github/workflows/deploy-kafka.yml");
  for (const step of Object.values(workflow.jobs).flatMap((j) => j.steps)) {
    for (const m of (step.run ?? "").matchAll(deploy)) {
      found.push({
        origin: ".github/workflows/deploy-kafka.yml",
        cwd: step["working-directory"] ?? "",
        command: (m[2] as string).trim(),
      });
    }
  }
  return found;
}

function flyConfigs(): string[] {
  return tracked.filter((f) => /(^|\/)fly(\.[\w-]+)?\.toml$/.test(f));
}

const VALUE_FLAGS = new Set(["--config", "-c", "--app", "-a", "--image", "-i", "--dockerfile", "--region", "-r"]);

/** The build a documented command starts: context = its working directory; --config is read from there too. */
async function buildOf(deploy: { origin: string; cwd: string; command: string }): Promise<Build | undefined> {
  const args = deploy.command.split(/\s+/).filter(Boolean);
  let config = "fly.toml";
  let workingDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--image" || arg === "-i") return undefined; // deploys a built image: no build context at all
    if (VALUE_FLAGS.has(arg)) {
      if (arg === "--config" || arg === "-c") config = args[i + 1] as string;
      i++;
    } else if (!arg.startsWith("-") && !arg.startsWith("<")) workingDir = arg;
  }
  const context = normalize(join(deploy.cwd, workingDir ?? "")).replace(/^\.$/, "");
  const configPath = normalize(join(context, config));
  expect(tracked, `${deploy.origin}: "${deploy.command}" reads ${configPath}`).toContain(configPath);
  const toml = await readToml<{ build?: { dockerfile?: string } }>(configPath);
  const dockerfile = normalize(join(dirname(configPath), toml.build?.dockerfile ?? "Dockerfile"));
  return { origin: `${deploy.origin}: fly deploy ${deploy.command} (in ./${deploy.cwd})`, context, dockerfile };
}

function composeBuild(name: string, svc: ComposeService): Build | undefined {
  if (!svc.build) return undefined;
  const spec = typeof svc.build === "string" ? { context: svc.build } : svc.build;
  const context = normalize(spec.context ?? ".").replace(/^\.$/, "");
  return {
    origin: `compose.yaml service ${name}`,
    context,
    dockerfile: normalize(join(context, spec.dockerfile ?? "Dockerfile")),
  };
}

async function allBuilds(): Promise<Build[]> {
  const fly = await Promise.all((await documentedFlyDeploys()).map(buildOf));
  const compose = Object.entries((await readCompose()).services).map(([name, svc]) => composeBuild(name, svc));
  return [...fly, ...compose].filter((b): b is Build => b !== undefined);
}

describe("every documented or configured image build finds its COPY sources in its build context", () => {
  test("the builds found cover the service (Fly and compose) and the Kafka app (production and staging)", async () => {
    const builds = await allBuilds();
    const dockerfiles = new Set(builds.map((b) => b.dockerfile));
    expect([...dockerfiles].sort()).toEqual(["Dockerfile", "infra/kafka/Dockerfile"]);
    expect(builds.some((b) => b.origin.startsWith("compose.yaml"))).toBe(true);
    expect(builds.some((b) => b.origin.includes("fly.staging.toml"))).toBe(true);
  });

  test("each COPY source is tracked inside the context and not excluded by its .dockerignore", async () => {
    const problems: string[] = [];
    for (const build of await allBuilds()) {
      expect(tracked, `${build.origin}: the Dockerfile ${build.dockerfile}`).toContain(build.dockerfile);
      for (const source of copySources(await readText(build.dockerfile))) {
        if ((await filesSent(build.context, source)).length === 0)
          problems.push(`${build.origin}: COPY ${source} finds nothing in ./${build.context}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("the resolver sees the old Kafka command's failure: root context, infra/ ignored", async () => {
    const old = await buildOf({ origin: "old", cwd: "", command: "--config infra/kafka/fly.toml --ha=false" });
    expect(old?.context).toBe("");
    expect(await filesSent("", "entrypoint.sh")).toEqual([]);
    expect(await filesSent("", "infra/kafka/entrypoint.sh")).toEqual([]);
    expect(await filesSent("infra/kafka", "entrypoint.sh")).toEqual(["entrypoint.sh"]);
  });
});

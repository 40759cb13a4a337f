import { expect, test } from "bun:test";
import { packageJson, parseDockerfile, readText } from "./config-files";

const instructions = async () => parseDockerfile(await readText("Dockerfile"));

/** FROM images with `${ARG}` defaults substituted. */
function baseImages(list: { keyword: string; args: string }[]): string[] {
  const args = Object.fromEntries(
    list
      .filter((i) => i.keyword === "ARG" && i.args.includes("="))
      .map((i) => i.args.split("=", 2) as [string, string]),
  );
  return list
    .filter((i) => i.keyword === "FROM")
    .map((i) => (i.args.split(/\s+/)[0] ?? "").replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? ""));
}

test("every stage uses the official Bun image at the version package.json pins", async () => {
  const pinned = (await packageJson()).packageManager?.replace(/^bun@/, "");
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  const images = baseImages(await instructions());
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) expect(image).toBe(`oven/bun:${pinned}`);
});

test("production dependencies only, from the lockfile", async () => {
  const runs = (await instructions()).filter((i) => i.keyword === "RUN").map((i) => i.args);
  expect(runs.some((r) => /bun install\b.*--frozen-lockfile/.test(r) && r.includes("--production"))).toBe(true);
});

test("the runtime runs as a non-root user", async () => {
  const list = await instructions();
  const lastFrom = list.map((i) => i.keyword).lastIndexOf("FROM");
  const users = list.slice(lastFrom).filter((i) => i.keyword === "USER");
  expect(users.length).toBeGreaterThan(0);
  expect(users.at(-1)?.args).not.toMatch(/^(root|0)(:|$)/);
});

test("healthcheck on /health/live with Bun's fetch, port exposed, started with `bun run start`", async () => {
  const list = await instructions();
  const healthcheck = list.find((i) => i.keyword === "HEALTHCHECK")?.args ?? "";
  expect(healthcheck).toContain("/health/live");
  expect(healthcheck).toContain("fetch(");
  expect(healthcheck).not.toMatch(/\b(curl|wget)\b/);
  expect(list.find((i) => i.keyword === "EXPOSE")?.args).toBe("8000");
  expect(JSON.parse(list.findLast((i) => i.keyword === "CMD")?.args ?? "[]")).toEqual(["bun", "run", "start"]);
  expect((await packageJson()).scripts.start).toContain("src/main.ts");
  // Bun's own ceiling for request heads sits above the app's 16 KiB, so the app answers oversized heads itself.
  expect((await packageJson()).scripts.start).toContain("bun --max-http-header-size=65536 ");
});

test("the image carries what the runtime commands need", async () => {
  const copies = (await instructions()).filter((i) => i.keyword === "COPY").map((i) => i.args);
  for (const path of ["src", "drizzle", "scripts", "package.json", "bun.lock", "tsconfig.json"]) {
    expect(
      copies.some((c) => c.split(/\s+/).slice(0, -1).includes(path)),
      path,
    ).toBe(true);
  }
  const ignored = (await readText(".dockerignore")).split("\n").map((l) => l.trim());
  for (const path of ["src", "drizzle", "scripts", "package.json", "bun.lock", "tsconfig.json"]) {
    expect(ignored, path).not.toContain(path);
  }
  expect(ignored).toContain("node_modules");
});

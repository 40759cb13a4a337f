/**
 * `bun run screenshots`: regenerates docs/img/console-*.png, the README's pictures of the console. Starts the service
 * on embedded defaults (in-memory PGlite, in-process queue, worker on, 30 seeded problems) on a free port, drives
 * Debian's Chromium through each page and stops everything it started.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config";
import { runService } from "../src/service";
import { createLogger } from "../src/telemetry/logger";
import { launchBrowser } from "../tests/support/browser";

const OUT = join(import.meta.dir, "..", "docs", "img");
mkdirSync(OUT, { recursive: true });

const config = loadConfig({
  NODE_ENV: "development",
  HOST: "127.0.0.1",
  PORT: "0",
  PGLITE_DATA_DIR: "memory://",
  ENABLE_WORKER: "true",
  SEED_ON_EMPTY: "30",
  POOL_MIN_UNSERVED: "10",
  LOG_LEVEL: "warn",
});
const service = await runService(config, { logger: createLogger({ level: "warn", pretty: false }) });
const browser = await launchBrowser();
const at = (path: string) => new URL(path, service.url).toString();
const shoot = async (page: Awaited<ReturnType<typeof browser.newPage>>, name: string) => {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`docs/img/${name}.png`);
};

try {
  const desktop = { width: 1100, height: 800 };
  const play = await browser.newPage(desktop);
  await play.goto(at("/console/play"));
  await play.locator("#problem[data-problem-id]").waitFor();
  const correct = Number(await play.locator("#problem").getAttribute("data-correct"));
  await play.keyboard.press(String(correct === 0 ? 2 : 1)); // a wrong pick shows both explanation and translation
  await shoot(play, "console-play");

  const phone = await browser.newPage({ width: 390, height: 844 });
  await phone.goto(at("/console/play?focus=pronouns"));
  await phone.locator("#problem[data-problem-id]").waitFor();
  await phone.keyboard.press(String(Number(await phone.locator("#problem").getAttribute("data-correct")) + 1));
  await shoot(phone, "console-play-phone");

  const pipeline = await browser.newPage(desktop);
  await pipeline.goto(at("/console/pipeline"));

  const generate = await browser.newPage(desktop);
  await generate.goto(at("/console/generate"));
  for (const count of ["20", "5"]) {
    await generate.getByLabel("Problems (1–100)").fill(count);
    await generate.getByRole("button", { name: "Generate" }).click();
    await generate.locator(".request.completed").first().waitFor({ timeout: 60_000 });
  }
  await generate.locator(".request summary").first().click();
  await shoot(generate, "console-generate");

  // A few samples so the lag chart has a line to draw.
  // A function, not a string: a string predicate would be eval'd inside the page, which the console's CSP forbids.
  type Doc = { querySelector(selector: string): { points?: { length: number } } | null };
  await pipeline.waitForFunction(
    () =>
      ((globalThis as unknown as { document: Doc }).document.querySelector("#lag-chart polyline")?.points?.length ??
        0) >= 5,
    undefined,
    { timeout: 30_000 },
  );
  await shoot(pipeline, "console-pipeline");
} finally {
  await browser.close();
  await service.stop("screenshots taken");
}

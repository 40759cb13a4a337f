import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { Service } from "../../src/service";
import { ARTEFACTS_DIR, launchBrowser, type TestBrowser } from "../support/browser";
import { startServiceWithOwnDatabase } from "../support/service";

// The console driven by Debian's Chromium against a real service: Postgres, the in-process queue and the real worker.
let running: Awaited<ReturnType<typeof startServiceWithOwnDatabase>>;
let service: Service;
let browser: TestBrowser;

beforeAll(async () => {
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  running = await startServiceWithOwnDatabase("console_browser", { SEED_ON_EMPTY: "12" });
  service = running.service;
  browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
}, 60_000);

const at = (path: string) => new URL(path, service.url).toString();
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTEFACTS_DIR, `${name}.png`), fullPage: true });

interface Statement {
  content: string;
  is_correct: boolean;
  explanation?: string;
  translation?: string;
}

/** The problem on the page, read back through the public API so the test knows the right answer independently. */
async function problemOnPage(page: Page) {
  await page.locator("#problem[data-problem-id]").waitFor();
  const id = await page.locator("#problem").getAttribute("data-problem-id");
  const res = await fetch(at(`/api/v1/problems/${id}`));
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; correct_answer_index: number; statements: Statement[] };
}

test("play: the right answer is confirmed with the translation; n loads the next problem", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/play"));
  const problem = await problemOnPage(page);
  const correct = problem.correct_answer_index;
  await page.keyboard.press(String(correct + 1));
  await expect(page.locator("#verdict").textContent()).resolves.toContain("Right");
  await expect(page.locator(`#feedback-${correct + 1}`).isVisible()).resolves.toBe(true);
  await expect(page.locator(`#feedback-${correct + 1}`).textContent()).resolves.toContain(
    problem.statements[correct]?.translation ?? "missing",
  );
  await expect(page.locator(`#choice-${correct + 1}`).getAttribute("class")).resolves.toContain("right");
  await shot(page, "play-right");
  await page.keyboard.press("n");
  await page.waitForURL(/\/console\/play/);
  const next = await problemOnPage(page);
  expect(next.id).not.toBe(problem.id);
  await page.close();
}, 60_000);

test("play: a wrong answer shows why it is wrong and the translation of the correct sentence", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/play?focus=conjugation"));
  const problem = await problemOnPage(page);
  const correct = problem.correct_answer_index;
  const wrong = problem.statements.findIndex((s) => !s.is_correct);
  await page.locator(`#choice-${wrong + 1}`).click();
  await expect(page.locator("#verdict").textContent()).resolves.toContain(`correct sentence is number ${correct + 1}`);
  await expect(page.locator(`#feedback-${wrong + 1}`).textContent()).resolves.toContain(
    problem.statements[wrong]?.explanation ?? "missing",
  );
  await expect(page.locator(`#feedback-${correct + 1}`).isVisible()).resolves.toBe(true);
  // One answer per problem: every choice is disabled once picked.
  await expect(page.locator(".choice:enabled").count()).resolves.toBe(0);
  await shot(page, "play-wrong");
  await page.close();
}, 60_000);

test("play on a phone: nothing overflows the screen width and the choices stay tappable", async () => {
  const page = await browser.newPage({ width: 390, height: 844 });
  await page.goto(at("/console/play"));
  // Page-side expressions are strings: the test files are type-checked without the DOM library.
  const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
  expect(overflow).toBe(0);
  const box = await page.locator("#choice-1").boundingBox();
  expect(box?.width).toBeGreaterThan(300);
  expect(box?.height).toBeGreaterThanOrEqual(44);
  await shot(page, "play-phone");
  await page.close();
}, 60_000);

test("play: an unknown problem id shows the service's answer instead of a problem", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  const id = crypto.randomUUID();
  await page.goto(at(`/console/play?id=${id}`));
  await page.locator("#notice", { hasText: `no problem with id ${id}` }).waitFor();
  await expect(page.locator("#problem").isHidden()).resolves.toBe(true);
  await page.close();
}, 60_000);

test("a saved API key goes with every API call the page makes, as a Bearer token", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/play"));
  await page.getByLabel("API key (only if this service requires one)").fill("lqs_test_key");
  await page.getByRole("button", { name: "Save key" }).click();
  await page.locator("#api-key-state", { hasText: "A key is saved for this tab." }).waitFor();
  const call = page.waitForRequest((r) => r.url().includes("/api/v1/problems/random"));
  await page.reload();
  expect((await call).headers().authorization).toBe("Bearer lqs_test_key");
  await page.locator("#problem[data-problem-id]").waitFor();
  await page.close();
}, 60_000);

test("generate: a request for 20 fills its bar to 100% with the real worker, without layout shift", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/generate"));
  await page.getByLabel("Problems (1–100)").fill("20");
  await page.getByLabel("Focus").selectOption("pronouns");
  await page.getByRole("button", { name: "Generate" }).click();
  const row = page.locator(".request").first();
  await row.waitFor();
  // Layout shifts from here on come from progress updates, not from the click that added the row.
  await page.evaluate(`
    globalThis.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) globalThis.shift += entry.value;
    }).observe({ type: "layout-shift" });
  `);
  await page.locator(".request.completed").waitFor({ timeout: 60_000 });
  await expect(row.locator("progress").evaluate((p) => (p as unknown as { value: number }).value)).resolves.toBe(100);
  await expect(row.locator(".count").textContent()).resolves.toContain("20 / 20 done (100%)");
  await expect(row.locator(".links a").count()).resolves.toBe(20);
  expect(await page.evaluate("globalThis.shift")).toBe(0);
  await shot(page, "generate-completed");
  // A link leads to a problem the request produced.
  await row.locator("summary").click();
  await row.locator(".links a").first().click();
  await page.locator("#problem[data-problem-id]").waitFor();
  await page.close();
}, 90_000);

test("generate: a refused request shows the service's reason next to the form", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/generate"));
  await page.getByLabel("Verbs (infinitives, comma separated)").fill("xyzzyer");
  await page.getByRole("button", { name: "Generate" }).click();
  await page.locator("#form-error", { hasText: "xyzzyer" }).waitFor();
  await expect(page.locator(".request").count()).resolves.toBe(0);
  await page.close();
}, 60_000);

test("pipeline: healthy with a running worker, degraded once the worker is stopped", async () => {
  const page = await browser.newPage({ width: 1280, height: 900 });
  await page.goto(at("/console/pipeline"));
  await page.locator("#status.ok").waitFor();
  await expect(page.locator("#worker-state").textContent()).resolves.toBe("running");
  await page.locator("#lag-chart polyline").waitFor({ state: "attached" });
  await shot(page, "pipeline-ok");
  await service.worker?.stop(5000);
  await page.locator("#status.degraded").waitFor({ timeout: 20_000 });
  await expect(page.locator("#status").textContent()).resolves.toContain("worker stopped");
  await expect(page.locator("#worker-state").textContent()).resolves.toBe("stopped (not ready)");
  await shot(page, "pipeline-degraded");
  await page.close();
}, 60_000);

test("no page asked any host but 127.0.0.1, and no script or style was refused by the CSP", () => {
  expect(browser.requests.length).toBeGreaterThan(10);
  const elsewhere = browser.requests.filter((u) => new URL(u).hostname !== "127.0.0.1");
  expect(elsewhere).toEqual([]);
  // The errors a page may log are the API's answers to the refused request and the unknown id, asked for on purpose.
  const expected = /^Failed to load resource: the server responded with a status of 40[04] .*\/api\/v1\//;
  expect(browser.pageErrors.filter((m) => !expected.test(m))).toEqual([]);
});

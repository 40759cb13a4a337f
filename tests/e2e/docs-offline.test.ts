import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Server } from "bun";
import { type Browser, chromium } from "playwright-core";
import { serveHttp } from "../../src/http/server";
import { silentLogger, testApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/postgres";

/**
 * The API reference renders in a real browser (Debian's chromium) from this service alone: every request the page
 * makes goes to 127.0.0.1, and the UI lists the API's operations.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let t: TestDatabase;
let server: Server<undefined>;
let browser: Browser;

beforeAll(async () => {
  t = await createTestDatabase("docs_offline");
  const { app } = testApp(t.database, { env: { REQUIRE_AUTH: "true" } });
  server = serveHttp(app.fetch, { port: 0, hostname: "127.0.0.1", logger: silentLogger });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop(true);
  await t?.drop();
}, 30_000);

test("/docs shows the API's operations with no request leaving 127.0.0.1 and no CSP violation", async () => {
  const page = await browser.newPage();
  const elsewhere: string[] = [];
  const violations: string[] = [];
  // Every request the page makes passes here: anything not for this server is recorded and refused.
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1") return route.continue();
    elsewhere.push(url.toString());
    return route.abort();
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(new URL("/docs", server.url).toString(), { waitUntil: "load" });
  // The UI is built from /openapi.json: the first group's operations by their summaries, the others as groups.
  const expected = ["The process is up", "Every component can do its job", "problems", "generation", "admin"];
  // Runs in the page; this file is type-checked without the DOM library, hence the narrow view of globalThis.
  const inPage = (texts: string[]) =>
    texts.every((text) =>
      (globalThis as unknown as { document: { body: { textContent: string } } }).document.body.textContent.includes(
        text,
      ),
    );
  await page.waitForFunction(inPage, expected, { timeout: 90_000 });
  expect(elsewhere).toEqual([]);
  expect(violations).toEqual([]);
  await page.close();
}, 120_000);

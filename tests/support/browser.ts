import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's chromium package; `.ci/run` installs it when missing. Nothing is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium from reaching any host on its own (updates, sync, QUIC probes, field trials). */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TestBrowser {
  context: BrowserContext;
  /** Every URL any page of this browser asked for, in order. */
  requests: string[];
  /** Console errors and CSP violations reported by the pages. */
  pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile that records every request its pages make. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "lqs-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
  const requests: string[] = [];
  const pageErrors: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const watch = (page: Page) => {
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${message.text()} (${message.location().url})`);
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));
  };
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  return {
    context,
    requests,
    pageErrors,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.setDefaultTimeout(20_000);
      return page;
    },
    async close() {
      let timer: Timer | undefined;
      await Promise.race([
        context.close(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 10_000);
        }),
      ]).finally(() => clearTimeout(timer));
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Where tests put screenshots (git-ignored); CI keeps the folder as an artefact. */
export const ARTEFACTS_DIR = join(import.meta.dir, "..", "..", ".artefacts", "screenshots");

/**
 * The service as a separate process (`bun --max-http-header-size=65536 src/main.ts`, as `bun run start` runs it),
 * the way a platform runs it: on a free port chosen by the kernel (PORT=0), with its JSON log lines readable by the
 * test, so a test waits on what the service says it did instead of sleeping or polling a guessed port.
 */

type LogLine = Record<string, unknown>;

export interface ServiceProcess {
  readonly child: ReturnType<typeof Bun.spawn>;
  /** Every JSON line written to stdout so far. */
  readonly lines: LogLine[];
  /** Resolves with the first line (already written or still to come) that `matches`; rejects after `timeoutMs`. */
  waitForLog(matches: (line: LogLine) => boolean, timeoutMs?: number, what?: string): Promise<LogLine>;
  /** Waits for the "listening" line and returns the URL the service bound. */
  listening(timeoutMs?: number): Promise<URL>;
  /** What the process wrote to stderr. */
  stderr(): Promise<string>;
  /** SIGKILLs the process if it still runs and waits for it (for `finally` blocks). */
  kill(): Promise<void>;
}

export function spawnService(env: Record<string, string>): ServiceProcess {
  const child = Bun.spawn(["bun", "--max-http-header-size=65536", "src/main.ts"], {
    // Auth is off unless the test turns it on: keys are the subject of their own tests.
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      REQUIRE_AUTH: "false",
      ...env,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const lines: LogLine[] = [];
  const waiters = new Set<() => void>();
  const stderrText = new Response(child.stderr).text();

  const reading = (async () => {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of child.stdout) {
      partial += decoder.decode(chunk, { stream: true });
      const complete = partial.split("\n");
      partial = complete.pop() ?? "";
      for (const text of complete) {
        try {
          lines.push(JSON.parse(text) as LogLine);
        } catch {
          // not a log line (e.g. a library writing plain text): nothing to wait on
        }
      }
      for (const wake of [...waiters]) wake();
    }
    for (const wake of [...waiters]) wake();
  })();

  const waitForLog: ServiceProcess["waitForLog"] = (matches, timeoutMs = 60_000, what = "a log line") =>
    new Promise((resolve, reject) => {
      let ended = false;
      void reading.then(() => {
        ended = true;
        check();
      });
      const timer = setTimeout(() => finish(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
      const finish = (outcome: LogLine | Error) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      function check() {
        const found = lines.find(matches);
        if (found) finish(found);
        else if (ended) finish(new Error(`the service exited without ${what} (exit ${child.exitCode})`));
      }
      waiters.add(check);
      check();
    });

  return {
    child,
    lines,
    waitForLog,
    async listening(timeoutMs = 90_000) {
      const line = await waitForLog(
        (l) => String(l.msg).startsWith("language-quiz-service listening"),
        timeoutMs,
        "listening",
      );
      return new URL(String(line.url));
    },
    stderr: () => stderrText,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await child.exited;
    },
  };
}

/**
 * Entry point: two-phase signal handling first, then config, then the service. The handlers are installed before
 * anything else is loaded (the service's module graph takes a noticeable time to import on a busy machine), so a
 * SIGTERM that arrives while the service is still starting (loading, migrating, seeding) shuts it down cleanly as
 * soon as it is up instead of killing the process, and a second signal exits at once.
 */
import type { Service } from "./service";

let service: Service | undefined;
let stopRequested: string | undefined;
let signals = 0;

const stop = (reason: string) =>
  service?.stop(reason).then(
    () => process.exit(0),
    () => process.exit(1),
  );

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      console.error(`second ${signal}: exiting now`);
      process.exit(130);
    }
    stopRequested = `received ${signal}`;
    stop(stopRequested);
  });
}

// Dynamic imports on purpose: static ones would be evaluated before the handlers above exist.
const { ConfigError, loadConfig } = await import("./config");
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}

try {
  const { runService } = await import("./service");
  service = await runService(config);
} catch (error) {
  console.error("the service could not start:", error);
  process.exit(1);
}
if (stopRequested) stop(stopRequested);

import { ConfigError, loadConfig } from "./config";
import { runService, type Service } from "./service";

/**
 * Entry point: config, then the service, with two-phase signal handling installed first: a SIGTERM that arrives
 * while the service is still starting (migrating, seeding) shuts it down cleanly as soon as it is up, and a second
 * signal exits at once.
 */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}

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

try {
  service = await runService(config);
} catch (error) {
  console.error("the service could not start:", error);
  process.exit(1);
}
if (stopRequested) stop(stopRequested);

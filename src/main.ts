import { ConfigError, loadConfig } from "./config";
import { runService } from "./service";

/** Entry point: config, then the service, then two-phase signal handling (a second signal forces the exit). */
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78); // EX_CONFIG
}

const service = await runService(config);
let signals = 0;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      service.logger.warn({ signal }, "second signal: exiting now");
      process.exit(130);
    }
    service.stop(`received ${signal}`).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

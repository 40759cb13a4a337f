import { afterAll } from "bun:test";
import { releaseBroker } from "./kafka";

// The per-test and per-hook bound (60 s) is set by `--timeout` in the test command: bun's 5 s default also bounds
// beforeAll hooks, which create and migrate a database or start a service and overran it on a loaded machine.

// Global hook (preloaded): whatever broker the run started is stopped once, after the last test file.
afterAll(releaseBroker);

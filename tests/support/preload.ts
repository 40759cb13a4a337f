import { afterAll, setDefaultTimeout } from "bun:test";
import { releaseBroker } from "./kafka";

// Tests that start servers or wait on a broker need more than bun's 5 s default; each still has a bound.
setDefaultTimeout(30_000);

// Global hook (preloaded): whatever broker the run started is stopped once, after the last test file.
afterAll(releaseBroker);

import { afterAll } from "bun:test";
import { releaseBroker } from "./kafka";

// Global hook (preloaded): whatever broker the run started is stopped once, after the last test file.
afterAll(releaseBroker);

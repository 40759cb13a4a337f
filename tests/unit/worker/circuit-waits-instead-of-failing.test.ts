import { describe, expect, test } from "bun:test";
import type { ProblemPlan } from "../../../src/problems/planner/plan";
import { CircuitOpenError, type CircuitStateName, generatorCircuit } from "../../../src/worker/circuit";
import { type FakeOpenAIOptions, fakesStoppedAfterEach } from "../../support/fake-openai";
import plannedManger from "../../support/fixtures/openai/plan-manger-passe-compose.json";
import { capturingLogger, eventually } from "../../support/logs";
import { openAIGeneratorFor } from "../../support/openai-generator";

const API_KEY = "sk-test-circuit-e5f6";
const plan = plannedManger as ProblemPlan;

const startFake = fakesStoppedAfterEach();

/** The real openai generator against the fake LLM, behind a circuit whose every change is recorded with its time. */
function circuitOver(respond: FakeOpenAIOptions["respond"], threshold = 2, halfOpenAfterMs = 300) {
  const fake = startFake({ apiKey: API_KEY, respond });
  const circuit = generatorCircuit({ threshold, halfOpenAfterMs, logger: capturingLogger("debug").logger });
  const changes: { state: CircuitStateName; atMs: number }[] = [];
  circuit.onChange((state) => changes.push({ state, atMs: performance.now() }));
  const generator = circuit.guard(openAIGeneratorFor(fake, API_KEY, plan));
  const generate = (signal = new AbortController().signal) => generator.generate({}, { signal });
  return { fake, circuit, changes, generate };
}

describe("the generator's circuit makes callers wait through an upstream outage", () => {
  test("failures open it, calls wait without calling out, a probe goes through after the delay, success closes it", async () => {
    let down = true;
    // Threshold 1: the very first failure opens it, so no failure at all is handed to a caller.
    const c = circuitOver(() => (down ? { kind: "server_error", status: 503 } : { kind: "success" }), 1);
    const calls = [c.generate(), c.generate(), c.generate()];
    await eventually(() => c.changes.filter((x) => x.state === "open").length >= 3, 20_000, "three failed probes");
    expect(c.circuit.state()).not.toBe("closed");
    const outageRequests = c.fake.requests.length;
    down = false;
    const results = await Promise.all(calls);
    // Every caller got its problem: not one failure reached them.
    expect(results.map((r) => r.problem.statements.length)).toEqual([4, 4, 4]);
    expect(c.circuit.state()).toBe("closed");
    expect(c.changes.at(-1)?.state).toBe("closed");
    // Nothing calls out while open: during the outage each caller tried once, then one probe per half-open, and
    // a problem is at most one request per statement. Without the circuit the callers would have kept calling.
    const halfOpens = c.changes.filter((x) => x.state === "half_open").length;
    expect(outageRequests).toBeLessThanOrEqual(plan.statements.length * (calls.length + halfOpens));
  });

  test("errors that say nothing about the upstream's health (401, invalid output) pass through and never open it", async () => {
    const c = circuitOver(() => ({ kind: "forbidden" }), 2);
    for (let i = 0; i < 4; i++) {
      const error = await c.generate().catch((e) => e);
      expect(error.code).toBe("llm_auth");
    }
    expect(c.circuit.state()).toBe("closed");
    expect(c.changes).toEqual([]);
  });

  test("below the threshold a transient failure reaches the caller; a success in between resets the count", async () => {
    let failing = true;
    const c = circuitOver(() => (failing ? { kind: "server_error", status: 500 } : { kind: "success" }), 2);
    expect((await c.generate().catch((e) => e)).code).toBe("llm_unavailable");
    failing = false;
    await c.generate();
    failing = true;
    expect((await c.generate().catch((e) => e)).code).toBe("llm_unavailable");
    expect(c.circuit.state()).toBe("closed");
    expect(c.changes).toEqual([]);
  });

  test("stopWaiting: a call waiting on the open circuit gives up with CircuitOpenError", async () => {
    const c = circuitOver(() => ({ kind: "server_error", status: 502 }), 1, 60_000);
    const waiting = c.generate().catch((e) => e);
    await eventually(() => c.circuit.state() === "open" && c.circuit.waiting() === 1, 10_000, "waiting on open");
    c.circuit.stopWaiting();
    const error = await waiting;
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error.code).toBe("circuit_open");
  });

  test("an aborted caller stops waiting at once with its own reason", async () => {
    const c = circuitOver(() => ({ kind: "server_error", status: 500 }), 1, 60_000);
    const controller = new AbortController();
    const waiting = c.generate(controller.signal).catch((e) => e);
    await eventually(() => c.circuit.waiting() === 1, 10_000, "waiting on open");
    const reason = new Error("shutdown deadline");
    controller.abort(reason);
    expect(await waiting).toBe(reason);
  });
});

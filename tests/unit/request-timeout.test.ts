import { expect, test } from "bun:test";
import { Hono } from "hono";
import { errorHandler } from "../../src/http/middleware/errors";
import { requestTimeout } from "../../src/http/middleware/request-timeout";
import { silentLogger } from "../support/app";

function appWithTimeout(ms: number) {
  const app = new Hono();
  app.use(requestTimeout(ms));
  app.onError(errorHandler(silentLogger));
  app.get("/stuck", () => new Promise<Response>(() => {}));
  app.get("/fast", (c) => c.text("ok"));
  app.get("/broken", () => {
    throw new Error("boom");
  });
  return app;
}

test("a request whose handler never finishes is answered 503 request_timeout", async () => {
  const res = await appWithTimeout(200).request("/stuck");
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({
    error: { code: "request_timeout", message: "no answer within 200 ms; try again later" },
  });
});

test("answers and errors within the deadline pass through unchanged", async () => {
  const app = appWithTimeout(10_000);
  const fast = await app.request("/fast");
  expect(fast.status).toBe(200);
  expect(await fast.text()).toBe("ok");
  const broken = await app.request("/broken");
  expect(broken.status).toBe(500);
  expect(((await broken.json()) as { error: { code: string } }).error.code).toBe("internal_error");
});

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { sql } from "drizzle-orm";
import { rawExchange } from "../fuzz/support";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { type ServiceProcess, spawnService } from "../support/service-process";

/**
 * What Bun's HTTP parser used to answer itself with empty bodies, now answered by the app in the error shape, over
 * raw sockets against the service process as it runs in production (`--max-http-header-size=65536`, the service's
 * own Bun.serve options); and what Bun 1.4.4 still answers itself, pinned so a Bun upgrade that changes it is seen.
 */

let t: TestDatabase;
let service: ServiceProcess;
let port: number;

beforeAll(async () => {
  t = await createTestDatabase("edges");
  // The in-process queue: the broker is not the subject here.
  service = spawnService({ DATABASE_URL: t.url, POOL_MIN_UNSERVED: "0", KAFKA_BOOTSTRAP_SERVERS: "" });
  port = Number((await service.listening()).port);
}, 120_000);
afterAll(async () => {
  await service?.kill();
  await t?.drop();
});
beforeEach(() => t.truncate());

const requestRows = async () =>
  (await t.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM generation_requests`))[0]?.n;

/** The status and the body of the first answer in raw HTTP text. */
function parse(answer: string) {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const head = answer.slice(0, answer.indexOf("\r\n\r\n"));
  const body = answer.slice(head.length + 4);
  return { status, head, body };
}

const errorCode = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error.code;

/** Peak resident memory of the service process so far (kB), from the kernel. */
const peakRssKb = () =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${service.child.pid}/status`, "utf8"))?.[1] ?? Number.NaN);

/** True once `answer` holds a head and the body its Content-Length announces. */
function complete(answer: string): boolean {
  const head = answer.indexOf("\r\n\r\n");
  const length = /\r\ncontent-length: *(\d+)/i.exec(answer)?.[1];
  return head >= 0 && length !== undefined && answer.length >= head + 4 + Number(length);
}

/**
 * Sends a request head, then `mib` MiB of body (as 1 MiB chunks when `chunked`) for as long as the server reads,
 * and resolves with the answer once it is complete and everything was sent, or the server closed, or `boundMs`
 * passed.
 */
function upload(head: string, mib: number, chunked: boolean, boundMs = 120_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    let sent = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, boundMs);
    socket.on("data", (d) => {
      answer += d.toString("latin1");
      if (sent && complete(answer)) done();
    });
    socket.on("close", done);
    socket.on("error", done);
    socket.on("connect", async () => {
      socket.write(head);
      const mebibyte = Buffer.alloc(1 << 20, "a");
      const piece = chunked ? Buffer.concat([Buffer.from("100000\r\n"), mebibyte, Buffer.from("\r\n")]) : mebibyte;
      for (let i = 0; i < mib && !socket.destroyed; i++)
        if (!socket.write(piece))
          await new Promise((drained) => {
            socket.once("drain", drained);
            socket.once("close", drained);
          });
      if (chunked && !socket.destroyed) socket.write("0\r\n\r\n");
      sent = true;
      if (complete(answer)) done();
    });
  });
}

const generateHead = (framing: string) =>
  `POST /api/v1/problems/generate HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n${framing}\r\n`;

describe("bodies over the limit: the app's 413, whatever the size", () => {
  test("a Content-Length over Bun's old 128 MiB ceiling is answered 413 payload_too_large, before the body is read", async () => {
    const answer = parse(await upload(generateHead("content-length: 209715200\r\n"), 4, false));
    expect(answer.status).toBe(413);
    expect(answer.head.toLowerCase()).toContain("content-type: application/json");
    expect(errorCode(answer.body)).toBe("payload_too_large");
    expect(await requestRows()).toBe(0);
  });

  test("a chunked body is cut at the limit with a 413, and the rest of a 64 MiB upload does not grow memory", async () => {
    const before = peakRssKb();
    const answer = parse(await upload(generateHead("transfer-encoding: chunked\r\n"), 64, true));
    expect(answer.status).toBe(413);
    expect(errorCode(answer.body)).toBe("payload_too_large");
    // Bun reads and discards what follows the cut: the peak grows by far less than what was sent.
    expect(peakRssKb() - before).toBeLessThan(32 * 1024);
    expect(await requestRows()).toBe(0);
  }, 180_000);
});

describe("heads over the limit: the app's 431 below Bun's ceiling", () => {
  test("a 20 KiB header or URL is answered 431 request_header_fields_too_large in the error shape", async () => {
    for (const request of [
      `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      `GET /api/v1/problems/random?topic_tag=${"a".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    ]) {
      const answer = parse(await rawExchange(port, request));
      expect(answer.status).toBe(431);
      expect(errorCode(answer.body)).toBe("request_header_fields_too_large");
    }
  });

  test("a head under the limit still passes", async () => {
    const answer = parse(
      await rawExchange(
        port,
        `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${"a".repeat(12_000)}\r\nConnection: close\r\n\r\n`,
      ),
    );
    expect(answer.status).toBe(200);
  });
});

describe("a chunked POST that Bun refuses after its body", () => {
  test("a Content-Length trailer: the client is told 400 by Bun, and the app writes nothing and logs a client abort", async () => {
    const answer = parse(
      await rawExchange(
        port,
        `${generateHead("transfer-encoding: chunked\r\n")}9\r\n{"count":\r\n2\r\n1}\r\n0\r\nContent-Length: 11\r\n\r\n`,
        10_000,
        false,
      ),
    );
    expect(answer.status).toBe(400);
    await service.waitForLog((l) => l.path === "/api/v1/problems/generate" && l.client_aborted === true, 30_000);
    expect(await requestRows()).toBe(0);
    expect(service.lines.filter((l) => l.msg === "unhandled error" || l.status === 500)).toEqual([]);
  });

  test("the same body without the trailer is accepted (the refusal above is the trailer's doing)", async () => {
    const answer = parse(
      await rawExchange(
        port,
        `${generateHead("transfer-encoding: chunked\r\n")}9\r\n{"count":\r\n2\r\n1}\r\n0\r\n\r\n`,
        10_000,
        false,
      ),
    );
    expect(answer.status).toBe(202);
    expect(await requestRows()).toBe(1);
  });
});

describe("what Bun 1.4.4 still answers itself, before the app (no hook in Bun.serve; oven-sh/bun#6556)", () => {
  test.each([
    [
      "a head over Bun's 64 KiB ceiling: an empty 431",
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: ${"a".repeat(70_000)}\r\n\r\n`,
      431,
    ],
    ["a malformed HTTP version: an empty 505", "GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n", 505],
    ["HTTP/1.1 without Host: an empty 400", "GET /health/live HTTP/1.1\r\n\r\n", 400],
  ])("%s", async (_what, request, status) => {
    const answer = parse(await rawExchange(port, request));
    expect(answer.status).toBe(status);
    expect(answer.head.toLowerCase()).not.toContain("content-type");
    expect(answer.body).toBe("");
  });
});

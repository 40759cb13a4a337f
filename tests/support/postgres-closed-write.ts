/**
 * Run as a child process by tests/integration/postgres-driver-patch.test.ts, because on an unguarded driver
 * the failure is an uncaught exception thrown from a setImmediate callback. The driver talks to Postgres
 * through a TCP proxy of this script; the proxy closes a reserved connection cleanly (FIN, as a server or
 * pooler going away does), then the script queries on it twice: each query is small, so the driver queues its
 * bytes behind setImmediate on a connection whose socket is gone. Then it releases the connection and
 * queries the pool once more.
 * Prints one JSON line: what each step returned, or the uncaught exception (exit 70).
 *
 * Env: DRIVER_PATH (the postgres.js entry file to load), DATABASE_URL.
 */
import { connect, createServer, type Socket } from "node:net";
import { pathToFileURL } from "node:url";

const driverPath = process.env.DRIVER_PATH;
const url = process.env.DATABASE_URL;
if (!driverPath || !url) throw new Error("DRIVER_PATH and DATABASE_URL are required");

process.on("uncaughtException", (error) => {
  console.log(JSON.stringify({ uncaught: String(error) }));
  process.exit(70);
});

const postgres = (await import(pathToFileURL(driverPath).href)).default as typeof import("postgres");
const codeOf = (error: unknown) => (error as { code?: string }).code ?? String(error);

const target = new URL(url);
const clients = new Set<Socket>();
const proxy = createServer((client) => {
  const server = connect(Number(target.port || 5432), target.hostname);
  clients.add(client);
  client.pipe(server).pipe(client);
  const drop = () => {
    clients.delete(client);
    client.destroy();
    server.destroy();
  };
  client.on("close", drop).on("error", drop);
  server.on("close", drop).on("error", drop);
});
await new Promise<void>((done) => proxy.listen(0, "127.0.0.1", done));
const port = (proxy.address() as { port: number }).port;
const proxied = new URL(url);
proxied.hostname = "127.0.0.1";
proxied.port = String(port);

const sql = postgres(proxied.toString(), { max: 2, onnotice: () => {} });
const reserved = await sql.reserve();
await reserved`select 1`;
const closing = [...clients].map((c) => new Promise((done) => c.once("close", done)));
for (const client of clients) client.end();
await Promise.all(closing);
const first = await reserved`select 1`.then(() => "ok", codeOf);
const second = await reserved`select 1`.then(() => "ok", codeOf);
reserved.release();
const [row] = await sql<{ answer: number }[]>`select 42 as answer`;
console.log(JSON.stringify({ first, second, poolAfter: row?.answer }));
await sql.end({ timeout: 2 });
proxy.close();

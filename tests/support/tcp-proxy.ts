import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy the test controls, in front of a real server (the shared Postgres): `cut()` drops every connection
 * and refuses new ones, as a stopped database does, without touching the server other tests use; `restore()`
 * listens again on the same port. `attempts` counts connections clients tried to open.
 */
export interface TcpProxy {
  readonly port: number;
  readonly attempts: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let attempts = 0;
  const serve = () =>
    createServer((client) => {
      attempts++;
      const upstream = connect(targetPort, targetHost);
      open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => {
        for (const s of [client, upstream]) {
          open.delete(s);
          s.destroy();
        }
      };
      for (const s of [client, upstream]) s.on("close", drop).on("error", drop);
    });
  const listen = (server: Server, port: number) =>
    new Promise<Server>((done, fail) => {
      server.once("error", fail);
      server.listen(port, "127.0.0.1", () => done(server));
    });
  let server: Server | undefined = await listen(serve(), 0);
  const port = (server.address() as { port: number }).port;

  const stop = async () => {
    const closing = server;
    server = undefined;
    if (closing) await new Promise<void>((done) => closing.close(() => done()));
  };
  const cut = async () => {
    const closing = stop();
    for (const s of open) s.destroy();
    open.clear();
    await closing;
  };
  return {
    port,
    get attempts() {
      return attempts;
    },
    urlFor(url) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    cut,
    async restore() {
      server ??= await listen(serve(), port);
    },
    close: cut,
  };
}

/**
 * A port nothing listens on right now (the kernel's pick, bound once and released): for a private broker or
 * Prometheus that cannot report the port it bound, or for an address that must refuse connections.
 */
export function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const { port } = probe;
  probe.stop(true);
  return port as number;
}

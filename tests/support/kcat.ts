/**
 * kcat (librdkafka), a Kafka client other than the service's: what it writes is produced without our code, and
 * what it reads is an independent check of what our code produced.
 */

import { run } from "./processes";

export interface KcatMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers: Record<string, string>;
}

async function kcat(args: string[], stdin?: string): Promise<string> {
  const { stdout, stderr, code } = await run(["kcat", ...args], { stdin });
  if (code !== 0) throw new Error(`kcat ${args.join(" ")} exited ${code}: ${stderr}`);
  return stdout;
}

/** Every message of `topic` from the beginning to its current end (`-C -J -e`). */
export async function kcatRead(bootstrap: string, topic: string): Promise<KcatMessage[]> {
  const out = await kcat(["-C", "-b", bootstrap, "-t", topic, "-J", "-e", "-q"]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const raw = JSON.parse(line) as Omit<KcatMessage, "headers"> & { headers?: string[] };
      const headers: Record<string, string> = {};
      const flat = raw.headers ?? [];
      for (let i = 0; i + 1 < flat.length; i += 2) headers[flat[i] as string] = flat[i + 1] as string;
      return { ...raw, headers };
    });
}

/** Produces each line of `values` as one message (no key) to `partition` of `topic`, and waits for delivery. */
export async function kcatProduce(bootstrap: string, topic: string, partition: number, values: readonly string[]) {
  await kcat(["-P", "-b", bootstrap, "-t", topic, "-p", String(partition)], `${values.join("\n")}\n`);
}

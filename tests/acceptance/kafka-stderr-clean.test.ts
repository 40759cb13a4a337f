import { expect, test } from "bun:test";
import { kafkaBroker } from "../support/kafka";

// kafkajs 2.2.4 scheduled a timer with a negative delay at every connection, and Bun/Node print a plain-text
// TimeoutNegativeWarning on stderr for it. The repository's patch of kafkajs (patches/) fixes the cause.
test("connecting with kafkajs writes nothing to stderr (no TimeoutNegativeWarning)", async () => {
  const broker = await kafkaBroker();
  const script = `
    import { Kafka, logLevel } from "kafkajs";
    const admin = new Kafka({ brokers: [process.env.BROKER], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
  `;
  const child = Bun.spawn(["bun", "-e", script], {
    env: { ...process.env, BROKER: broker.bootstrap },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
  expect(stderr).not.toContain("TimeoutNegativeWarning");
  expect(stderr).toBe("");
  expect(code).toBe(0);
}, 60_000);

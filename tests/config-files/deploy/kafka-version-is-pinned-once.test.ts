import { expect, test } from "bun:test";
import { parseDockerfile, readCompose, readText, service } from "./config-files";

// One Kafka version everywhere: the local broker (Maven jars), compose and the Fly image.
test("compose, the Fly Kafka image and the local broker's pom use the same Kafka version", async () => {
  const pom = await readText("infra/kafka/local/pom.xml");
  const pinned = pom.match(/<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/)?.[1];
  expect(pinned, "pom.xml declares <kafka.version>").toMatch(/^4\.\d+\.\d+$/);

  const compose = await readCompose();
  expect(service(compose, "kafka").image).toBe(`apache/kafka:${pinned}`);

  const from = parseDockerfile(await readText("infra/kafka/Dockerfile")).filter((i) => i.keyword === "FROM");
  expect(from.map((i) => i.args.split(/\s+/)[0])).toEqual([`apache/kafka:${pinned}`]);
});

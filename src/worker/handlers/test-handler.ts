import { z } from "zod";
import { defineHandler } from "./handler";

/**
 * The smoke-test message: proves the pipe from producer to handler works (scripts/test-kafka-traffic.sh). Handled
 * only with WORKER_TEST_MESSAGES=true (`bun run dev` sets it); otherwise it is dead-lettered as poison (unknown type),
 * so nobody can make a production worker log arbitrary payloads.
 */
const testMessageSchema = z.object({
  message_type: z.literal("test"),
  message_id: z.string().min(1),
  payload: z.unknown(),
  enqueued_at: z.string().optional(),
});

export const testHandler = defineHandler({
  type: "test",
  schema: testMessageSchema,
  async handle(message, { logger }) {
    logger.info({ payload: message.payload }, "Received test message");
    logger.info("Processed test message successfully");
  },
});

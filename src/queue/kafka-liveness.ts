import type { Consumer } from "kafkajs";
import type { ConsumerListener } from "./transport";

/** How long an idle fetch waits for data: well below WORKER_READY_TTL_MS, so an idle consumer proves liveness. */
export const FETCH_MAX_WAIT_MS = 1000;

/**
 * Tells the listener when the broker answers this consumer and when it stops: a completed fetch (even an empty
 * one) is an answer; a disconnect or a timed-out request is a loss, reported at once rather than after kafkajs has
 * spent its retries. Heartbeat failures are reported by the caller, which owns the heartbeat calls.
 */
export function reportBrokerLiveness(consumer: Consumer, listener: ConsumerListener): void {
  consumer.on(consumer.events.FETCH, () => listener.onPoll?.());
  consumer.on(consumer.events.REQUEST_TIMEOUT, () => listener.onBrokerLost?.("a request to the broker timed out"));
  consumer.on(consumer.events.DISCONNECT, () => listener.onBrokerLost?.("disconnected from the broker"));
}

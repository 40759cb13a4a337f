import type { Consumer } from "kafkajs";
import type { ConsumerListener } from "./transport";

/**
 * Tells the listener when the broker answers this consumer and when it stops: a completed fetch (even an empty
 * one, which returns after the consumer's fetch wait, well below WORKER_READY_TTL_MS) is an answer; a disconnect
 * or a timed-out request (a heartbeat or a fetch to a frozen broker) is a loss, reported at once rather than after
 * kafkajs has spent its retries.
 */
export function reportBrokerLiveness(consumer: Consumer, listener: ConsumerListener): void {
  consumer.on(consumer.events.FETCH, () => listener.onPoll?.());
  consumer.on(consumer.events.REQUEST_TIMEOUT, () => listener.onBrokerLost?.("a request to the broker timed out"));
  consumer.on(consumer.events.DISCONNECT, () => listener.onBrokerLost?.("disconnected from the broker"));
}

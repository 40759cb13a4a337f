import { UnavailableError } from "../errors";

interface Waiting<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: unknown): void;
}

export interface GroupCallsOptions<In, Out> {
  /** Runs many inputs in one round trip; answers one output per input, in the same order. */
  many(inputs: In[]): Promise<Out[]>;
  /**
   * Runs one input alone. When a group fails for another reason than a lost database, each of its inputs is retried
   * alone, so one bad input fails only its own caller.
   */
  one(input: In): Promise<Out>;
  /** The most inputs one round trip carries. */
  maxBatch: number;
}

/**
 * Group commit for database work that many in-flight messages ask for at once: one round trip runs at a time, and
 * the calls that arrive while it runs go together into the next one. A lone call still goes out at once, alone, so
 * a slow generator gains nothing and loses nothing; many cheap ones share round trips. Each caller gets its own
 * answer, exactly as if it had made the call alone.
 */
export function groupCalls<In, Out>(options: GroupCallsOptions<In, Out>): (input: In) => Promise<Out> {
  const waiting: Waiting<In, Out>[] = [];
  let running = false;

  async function drain() {
    while (waiting.length) {
      const group = waiting.splice(0, options.maxBatch);
      try {
        const outputs = await options.many(group.map((w) => w.input));
        for (const [at, w] of group.entries()) w.resolve(outputs[at] as Out);
      } catch (error) {
        if (error instanceof UnavailableError || group.length === 1) for (const w of group) w.reject(error);
        else await Promise.all(group.map((w) => options.one(w.input).then(w.resolve, w.reject)));
      }
    }
    running = false;
  }

  return (input) => {
    const answer = Promise.withResolvers<Out>();
    waiting.push({ input, resolve: answer.resolve, reject: answer.reject });
    if (!running) {
      running = true;
      void drain();
    }
    return answer.promise;
  };
}

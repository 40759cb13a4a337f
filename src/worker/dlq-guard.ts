/** When the DLQ guard stops dead-lettering (DLQ_WINDOW, DLQ_MAX_RATIO, DLQ_MAX_CONSECUTIVE). */
export interface DlqGuardSettings {
  window: number;
  maxRatio: number;
  maxConsecutive: number;
}

interface PartitionWindow {
  /** 1 for a dead-lettered message, 0 for any other outcome; a ring over the last `window` outcomes. */
  outcomes: Uint8Array;
  next: number;
  filled: number;
  dead: number;
  consecutive: number;
}

/**
 * Watches each partition's last outcomes and refuses a dead-letter that would cross a limit: more than `maxRatio`
 * of a full window, or more than `maxConsecutive` in a row. A bad deploy (a handler that fails everything) must not
 * drain the topics into the DLQ. Once tripped it stays tripped for the process: the worker holds the message,
 * stops starting new ones and reports not-ready with the reason, until an operator fixes the cause and restarts.
 * The ratio waits for a full window, so a partition's first messages are judged by the run limit alone.
 */
export function createDlqGuard(settings: DlqGuardSettings) {
  const partitions = new Map<string, PartitionWindow>();
  let tripped: string | undefined;

  const windowOf = (topic: string, partition: number) => {
    const key = `${topic}\u0000${partition}`;
    let w = partitions.get(key);
    if (!w) {
      w = { outcomes: new Uint8Array(settings.window), next: 0, filled: 0, dead: 0, consecutive: 0 };
      partitions.set(key, w);
    }
    return w;
  };

  function record(w: PartitionWindow, dead: boolean) {
    if (w.filled === settings.window) w.dead -= w.outcomes[w.next] as number;
    else w.filled += 1;
    w.outcomes[w.next] = dead ? 1 : 0;
    w.dead += dead ? 1 : 0;
    w.next = (w.next + 1) % settings.window;
    w.consecutive = dead ? w.consecutive + 1 : 0;
  }

  return {
    /** The message ended without a dead-letter (handled, skipped, or sent to the retry topic). */
    passed(topic: string, partition: number) {
      record(windowOf(topic, partition), false);
    },

    /** Asks to dead-letter one message: true and counted, or false when that would cross a limit (the guard trips). */
    admit(topic: string, partition: number): boolean {
      if (tripped) return false;
      const w = windowOf(topic, partition);
      const leaving = w.filled === settings.window ? (w.outcomes[w.next] as number) : 0;
      const deadAfter = w.dead + 1 - leaving;
      const full = Math.min(w.filled + 1, settings.window) === settings.window;
      const where = `${topic}[${partition}]`;
      if (w.consecutive + 1 > settings.maxConsecutive)
        tripped = `dead-letter guard tripped on ${where}: more than ${settings.maxConsecutive} messages in a row would be dead-lettered`;
      else if (full && deadAfter / settings.window > settings.maxRatio)
        tripped = `dead-letter guard tripped on ${where}: ${deadAfter} of the last ${settings.window} messages would be dead-lettered (limit ${settings.maxRatio})`;
      if (tripped) return false;
      record(w, true);
      return true;
    },

    /** Why dead-lettering stopped, or undefined while it has not. */
    tripped: () => tripped,
  };
}

export type DlqGuard = ReturnType<typeof createDlqGuard>;

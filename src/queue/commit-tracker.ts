/**
 * The offsets of one partition that were handed out, in order, and which of them are finished. Messages of a
 * partition finish in any order; the offset that may be committed is the first unfinished one (or, when all are
 * finished, the one after the last accepted), so a crash never skips a message that was still running. Offsets may
 * have gaps (compaction, transaction markers): only accepted offsets count.
 */
export class CommitTracker {
  /** Accepted offsets not yet known to be below the commit point, oldest first; `head` skips the popped ones. */
  private pending: number[] = [];
  private head = 0;
  private finished = new Set<number>();
  /** The next offset a fetch may hand us; anything below was already accepted. */
  private nextOffset: number | undefined;

  /** Records a delivered offset. False when it was accepted before (a refetch after a rebalance or a resume). */
  accept(offset: number): boolean {
    if (this.nextOffset !== undefined && offset < this.nextOffset) return false;
    this.pending.push(offset);
    this.nextOffset = offset + 1;
    return true;
  }

  finish(offset: number): void {
    this.finished.add(offset);
    while (this.head < this.pending.length && this.finished.delete(this.pending[this.head] as number)) this.head += 1;
    // Drop the popped prefix now and then so the array stays as small as what is unfinished.
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.head);
      this.head = 0;
    }
  }

  /** The offset to commit (Kafka's "next to read"), or undefined before anything was accepted. */
  committable(): number | undefined {
    return this.head < this.pending.length ? this.pending[this.head] : this.nextOffset;
  }

  /** Finished but held back by an earlier unfinished message. */
  finishedAhead(): number {
    return this.finished.size;
  }

  /** Accepted and not finished. */
  unfinished(): number {
    return this.pending.length - this.head - this.finished.size;
  }
}

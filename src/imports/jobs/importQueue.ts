import type { ImportLimits } from '../../config';

/** What the queue schedules: anything that belongs to an owner and runs to an end. */
export interface Schedulable {
  owner: string;
  run(): Promise<void>;
}

/**
 * Bounds how many imports transfer at once: `maxRunning` in this process, `maxRunningPerCaller`
 * per owner. The others wait in the order they came and start as slots free (a job whose owner
 * is at their cap lets later jobs of other owners pass). At most `maxQueuedPerCaller` of one
 * owner's jobs wait: a place is reserved before the job's source is looked up, so a burst of
 * concurrent requests cannot overshoot it.
 */
export class ImportQueue<Job extends Schedulable> {
  private readonly waiting: Job[] = [];
  private readonly runningByOwner = new Map<string, number>();
  private readonly waitingByOwner = new Map<string, number>();
  private runningTotal = 0;

  constructor(private readonly limits: ImportLimits) {}

  get running(): number {
    return this.runningTotal;
  }

  /** Holds a waiting place for one of `owner`'s jobs; false when they have as many as allowed waiting. */
  reserve(owner: string): boolean {
    const waiting = this.waitingByOwner.get(owner) ?? 0;
    if (waiting >= this.limits.maxQueuedPerCaller) return false;
    this.waitingByOwner.set(owner, waiting + 1);
    return true;
  }

  /** Gives back a place `reserve` held, for a job that was never made. */
  release(owner: string): void {
    adjust(this.waitingByOwner, owner, -1);
  }

  /** Queues a job in the place reserved for it; it starts at once when a slot is free. */
  enqueue(job: Job): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Takes a waiting job out of the queue; false when it is not waiting (running, or done). */
  remove(job: Job): boolean {
    const index = this.waiting.indexOf(job);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    adjust(this.waitingByOwner, job.owner, -1);
    return true;
  }

  /** Takes every waiting job out of the queue (a stopping gateway), in order. */
  drain(): Job[] {
    const drained = this.waiting.splice(0);
    for (const job of drained) adjust(this.waitingByOwner, job.owner, -1);
    return drained;
  }

  private pump(): void {
    for (let index = 0; index < this.waiting.length && this.runningTotal < this.limits.maxRunning; ) {
      const job = this.waiting[index]!;
      if ((this.runningByOwner.get(job.owner) ?? 0) >= this.limits.maxRunningPerCaller) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      adjust(this.waitingByOwner, job.owner, -1);
      adjust(this.runningByOwner, job.owner, 1);
      this.runningTotal += 1;
      void job.run().finally(() => {
        adjust(this.runningByOwner, job.owner, -1);
        this.runningTotal -= 1;
        this.pump();
      });
    }
  }
}

function adjust(counts: Map<string, number>, owner: string, by: number): void {
  const count = (counts.get(owner) ?? 0) + by;
  if (count > 0) counts.set(owner, count);
  else counts.delete(owner);
}

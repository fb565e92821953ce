/**
 * The total deadline of one vendor call, which can be ended early: a streamed answer (a file)
 * stops it once its headers are in, so its body is bounded by the pool's idle timeout only.
 * (AbortSignal.timeout cannot be called off, and a signal stays attached to undici's body.)
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.controller.abort(new DOMException(`The deadline of ${ms} ms passed.`, 'TimeoutError')), ms);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get passed(): boolean {
    return this.controller.signal.aborted;
  }

  /** The call is done with its deadline: it can no longer pass. */
  stop(): void {
    clearTimeout(this.timer);
  }
}

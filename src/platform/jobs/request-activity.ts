/**
 * How busy the HTTP side of a serving process is. Its background jobs wait while it is busy (see
 * JobRunnerOptions.busy): requests in flight, or one that ended moments ago (between the answers to a
 * burst of requests and the next ones, nothing may be in flight for a few milliseconds).
 */
export class RequestActivity {
  private inFlight = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private readonly quietMs: number;

  constructor(quietMs = 25) {
    this.quietMs = quietMs;
  }

  begin(): void {
    this.inFlight++;
    this.lastAt = performance.now();
  }

  end(): void {
    this.inFlight--;
    this.lastAt = performance.now();
  }

  /** A request is in flight, or the last one ended less than `quietMs` ago. */
  busy(): boolean {
    return this.inFlight > 0 || performance.now() - this.lastAt < this.quietMs;
  }
}

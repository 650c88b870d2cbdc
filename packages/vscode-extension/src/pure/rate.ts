/**
 * Training speed as the panels show it: steps per second over a sliding window of the latest
 * measurements, so a slow start (JIT, WASM compilation) fades out within a few seconds.
 * VS Code-free; the clock is injected so tests need no timers.
 */
export class RateMeter {
  private readonly samples: { t: number; steps: number }[] = [];

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records that `steps` more steps were trained (by any number of runs together). */
  add(steps: number): void {
    const t = this.now();
    const total = (this.samples[this.samples.length - 1]?.steps ?? 0) + steps;
    this.samples.push({ t, steps: total });
    while (this.samples.length > 2 && t - this.samples[1].t > this.windowMs) this.samples.shift();
  }

  /** Steps per second over the window; null until two measurements lie apart in time and a step was trained. */
  rate(): number | null {
    if (this.samples.length < 2 || this.samples[this.samples.length - 1].steps === 0) return null;
    const a = this.samples[0];
    const b = this.samples[this.samples.length - 1];
    return b.t > a.t ? ((b.steps - a.steps) * 1000) / (b.t - a.t) : null;
  }
}

import type { EvalRecord } from '@geneft/core';
import type { CommandIO } from './io';

/**
 * A one-line progress bar on stderr (TTY only): step, losses, accuracies. Redraws at most ten
 * times a second so a fast backend is not slowed by the terminal.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly io: CommandIO,
    private readonly total: number,
    private readonly label = '',
  ) {}

  update(record: EvalRecord, force = false): void {
    if (!this.io.isTTY) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const fraction = Math.min(1, record.step / this.total);
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const pct = (100 * fraction).toFixed(0).padStart(3);
    const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '  -  ');
    const text =
      `${this.label}${bar} ${pct}% step ${record.step}/${this.total} ` +
      `loss ${fmt(record.trainLoss, 4)}/${fmt(record.testLoss, 4)} acc ${fmt(record.trainAccuracy)}/${fmt(record.testAccuracy)}`;
    this.io.stderr(`\r\x1b[2K${text}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.io.stderr('\r\x1b[2K');
    this.drawn = false;
  }
}

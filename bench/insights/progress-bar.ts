/** A one-line progress bar on stdout (plain lines when stdout is not a terminal). */
export class ProgressBar {
  private done = 0;
  private lastPrinted = 0;
  private readonly started = process.hrtime.bigint();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly width = 30,
  ) {}

  tick(amount = 1, detail = ''): void {
    this.done = Math.min(this.total, this.done + amount);
    const percent = Math.floor((100 * this.done) / this.total);
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const filled = Math.round((this.width * this.done) / this.total);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${String(percent).padStart(3)}% ${detail} ${seconds.toFixed(1)} s`;
    if (process.stdout.isTTY) {
      process.stdout.write(`\r${line}`);
      if (this.done === this.total) process.stdout.write('\n');
    } else if (percent >= this.lastPrinted + 10 || this.done === this.total) {
      // In a log: a line every 10%.
      this.lastPrinted = percent - (percent % 10);
      console.log(line);
    }
  }
}

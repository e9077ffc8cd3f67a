/**
 * A progress bar with ETA on stderr, drawn only when stderr is a terminal and at most ~10 times a
 * second (the simulation loop calls `update` every chunk; drawing must not slow it down).
 */
export class Progress {
  private readonly startMs = Date.now();
  private lastDrawMs = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly label: string,
    private readonly total: number,
    stream: NodeJS.WriteStream = process.stderr,
    private readonly out = stream,
  ) {
    this.enabled = Boolean(stream.isTTY);
  }

  update(done: number, note = ''): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDrawMs < 100 && done < this.total) return;
    this.lastDrawMs = now;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const elapsedS = (now - this.startMs) / 1000;
    const etaS = frac > 0 ? (elapsedS * (1 - frac)) / frac : 0;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.out.write(`\r${this.label} ${bar} ${(frac * 100).toFixed(1).padStart(5)}%  ETA ${formatSeconds(etaS)}  ${note}\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.out.write('\r\x1b[K');
  }
}

/** "1h02m03s" style, for humans. */
export function formatSeconds(totalS: number): string {
  const s = Math.max(0, Math.round(totalS));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(sec).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/**
 * The last W samples of F features for A assets, in one preallocated ring buffer, so a tick only
 * writes numbers (no allocation). Samples are forward-filled over dropouts (NaN), like the recorded
 * datasets the models learned from (ml/data/sim-record.ts).
 */
export class RollingWindows {
  private readonly buf: Float32Array;
  private readonly last: Float32Array;
  private head = 0;
  private filled = 0;

  constructor(readonly assets: number, readonly steps: number, readonly features: number) {
    this.buf = new Float32Array(assets * steps * features);
    this.last = new Float32Array(assets * features);
  }

  /** Samples pushed so far, at most `steps`. */
  get count(): number { return this.filled; }

  /** Appends one sample for every asset: `values[cols[a][f]]` is asset a's feature f. */
  push(values: Float64Array, cols: readonly Int32Array[]): void {
    const F = this.features;
    const slot = this.head;
    for (let a = 0; a < this.assets; a++) {
      const c = cols[a]!;
      const o = (a * this.steps + slot) * F;
      for (let f = 0; f < F; f++) {
        const v = values[c[f]!]!;
        if (!Number.isNaN(v)) this.last[a * F + f] = v;
        this.buf[o + f] = this.last[a * F + f]!;
      }
    }
    this.head = (slot + 1) % this.steps;
    if (this.filled < this.steps) this.filled++;
  }

  /**
   * Writes asset a's last `w` samples, oldest first, scaled as `(v − offset) / scale`, into `out` at
   * `offset`. Before `w` samples exist, the oldest known one is repeated (front padding).
   */
  copy(a: number, w: number, out: Float32Array, at: number, offset?: readonly number[], scale?: readonly number[]): void {
    const F = this.features;
    const have = Math.min(this.filled, w);
    for (let s = 0; s < w; s++) {
      const back = Math.min(w - 1 - s, have - 1); // samples before the newest
      const slot = (this.head - 1 - back + 2 * this.steps) % this.steps;
      const src = (a * this.steps + slot) * F;
      for (let f = 0; f < F; f++) {
        const v = this.buf[src + f]!;
        out[at + s * F + f] = (v - (offset?.[f] ?? 0)) / (scale?.[f] ?? 1);
      }
    }
  }
}

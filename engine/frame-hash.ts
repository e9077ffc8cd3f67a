import type { Frame } from './frame.ts';

/**
 * A 32-bit running hash of frames (MurmurHash3's mixing, Appleby 2011) over each tick's sampled
 * values (as raw IEEE-754 bits, so −0, NaN payloads and last-bit differences all count), statuses,
 * flags and events. Two runs agree on the hash only if they agree bit for bit.
 */
export class FrameHasher {
  private h = 0x9747b28c;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  private mix(k: number): void {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.h ^ k;
    h = (h << 13) | (h >>> 19);
    this.h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  private mixNumber(x: number): void {
    this.f64[0] = x;
    this.mix(this.u32[0]!);
    this.mix(this.u32[1]!);
  }

  private mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  add(frame: Frame): void {
    this.mix(frame.tick);
    for (let i = 0; i < frame.sampledCount; i++) {
      const k = frame.sampled[i]!;
      this.mix(k);
      this.mixNumber(frame.values[k]!);
      this.mix((frame.status[k]! << 8) | frame.flags[k]!);
    }
    for (const e of frame.events) {
      this.mix(e.seq);
      this.mixString(e.type);
      this.mixString(e.asset);
      if (e.type === 'defect') {
        this.mixString(e.defect);
        this.mixNumber(e.severity);
      }
    }
  }

  /** The hash so far, as 8 hex digits. */
  digest(): string {
    let h = this.h;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0).toString(16).padStart(8, '0');
  }
}

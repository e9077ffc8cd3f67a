import { describe, expect, it } from 'vitest';
import { RingBuffer, type Published } from './ring-buffer.ts';

const msg = (seq: number): Published => ({ seq, channel: 'alerts', t: '2024-01-01T00:00:00Z', data: seq, assets: null });
const seqs = (r: ReturnType<RingBuffer['since']>) => (r.kind === 'ok' ? r.messages.map((m) => m.seq) : r.kind);

describe('RingBuffer', () => {
  it('returns the messages after lastSeq, in order', () => {
    const ring = new RingBuffer(5);
    for (let s = 1; s <= 4; s++) ring.push(msg(s));
    expect(seqs(ring.since(2, 4))).toEqual([3, 4]);
    expect(seqs(ring.since(0, 4))).toEqual([1, 2, 3, 4]);
    expect(seqs(ring.since(4, 4))).toEqual([]);
  });

  it('keeps only the last `capacity` messages and reports a gap before them', () => {
    const ring = new RingBuffer(3);
    for (let s = 1; s <= 10; s++) ring.push(msg(s));
    expect(seqs(ring.since(7, 10))).toEqual([8, 9, 10]);
    expect(seqs(ring.since(6, 10))).toBe('gap');
  });

  it('reports a gap for a seq from the future (the server restarted)', () => {
    const ring = new RingBuffer(3);
    ring.push(msg(1));
    expect(seqs(ring.since(50, 1))).toBe('gap');
  });

  it('with nothing published, lastSeq 0 is up to date', () => {
    expect(seqs(new RingBuffer(3).since(0, 0))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { OrderedWriter, WriterFullError } from './ordered-writer.ts';
import type { ScheduleFn } from './sample-writer.ts';

/** A database that refuses writes while `down`, and a retry timer the test fires by hand. */
function rig() {
  const stored: string[] = [];
  const timers: (() => void)[] = [];
  const state = { down: false };
  const schedule: ScheduleFn = (fn) => {
    timers.push(fn);
    return () => void timers.splice(timers.indexOf(fn) >>> 0, 1);
  };
  const write = async (item: string): Promise<void> => {
    if (state.down) throw new Error('down');
    stored.push(item);
  };
  return { stored, timers, state, schedule, write };
}

describe('OrderedWriter', () => {
  it('answers "queued" when the database refuses, retries in order and stores every item once it is back', async () => {
    const r = rig();
    const w = new OrderedWriter({ write: r.write, schedule: r.schedule });
    expect(await w.enqueue('a')).toBe('stored');
    r.state.down = true;
    expect(await w.enqueue('b')).toBe('queued');
    expect(await w.enqueue('c')).toBe('queued');
    expect(w.metrics()).toMatchObject({ buffered: 2, written: 1 });
    r.state.down = false;
    await w.flush();
    expect(r.stored).toEqual(['a', 'b', 'c']);
    expect(w.metrics()).toMatchObject({ buffered: 0, written: 3, refused: 0 });
    expect(w.metrics().writeFailures).toBeGreaterThan(0);
  });

  it('merges waiting items of one key into the newest, keeping the first one\'s place, and refuses beyond its bound', async () => {
    const r = rig();
    const w = new OrderedWriter({ write: r.write, schedule: r.schedule, maxBuffered: 3, coalesce: { key: (s: string) => s[0]!, merge: (_old, newer) => newer } });
    r.state.down = true;
    await w.enqueue('a1');
    await w.enqueue('b1');
    // a1 failed and waits at the head, not being written: a2 replaces it; b2 replaces b1.
    const outcomes = [w.enqueue('a2'), w.enqueue('b2'), w.enqueue('c1')];
    await expect(w.enqueue('d1')).rejects.toThrow(WriterFullError);
    expect(w.metrics()).toMatchObject({ buffered: 3, refused: 1 });
    r.state.down = false;
    await w.flush();
    // The database is down: each is answered at once, and safe in the buffer.
    expect(await Promise.all(outcomes)).toEqual(['queued', 'queued', 'queued']);
    expect(r.stored).toEqual(['a2', 'b2', 'c1']);
  });
});

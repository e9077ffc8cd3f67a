import { describe, expect, it } from 'vitest';
import type { SampleRow, SampleSink } from './history-store.ts';
import { SampleWriter, type RejectedRow, type ScheduleFn } from './sample-writer.ts';

/** Timers that fire only when the test advances time. */
class ManualScheduler {
  nowMs = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;
  readonly schedule: ScheduleFn = (fn, delayMs) => {
    const id = this.nextId++;
    this.timers.push({ at: this.nowMs + delayMs, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  };
  /** Delays currently pending, relative to now. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.nowMs);
  }
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    await settle();
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.nowMs = next.at;
      next.fn();
      await settle();
    }
    this.nowMs = end;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A sink that records each batch and fails while `down`. */
class FakeSink implements SampleSink {
  batches: SampleRow[][] = [];
  down = false;
  attempts = 0;
  async insertSamples(rows: readonly SampleRow[]): Promise<void> {
    this.attempts += 1;
    if (this.down) throw new Error('connection refused');
    this.batches.push([...rows]);
  }
  get rows(): SampleRow[] {
    return this.batches.flat();
  }
}

const rows = (from: number, n: number): SampleRow[] =>
  Array.from({ length: n }, (_, i) => ({ tMs: (from + i) * 1000, sensorId: 's1', value: from + i, status: 0 }));

function setup(options: { maxBatchRows?: number } = {}) {
  const clock = new ManualScheduler();
  const sink = new FakeSink();
  const writes: [number, number][] = [];
  const writer = new SampleWriter({
    sink,
    flushIntervalMs: 1000,
    maxBatchRows: options.maxBatchRows ?? 100,
    initialRetryDelayMs: 100,
    maxRetryDelayMs: 800,
    schedule: clock.schedule,
    now: () => clock.nowMs,
    onWrite: (n, latencyMs) => writes.push([n, latencyMs]),
  });
  return { clock, sink, writer, writes };
}

describe('SampleWriter', () => {
  it('holds pushed rows until the flush interval, then writes them in one batch, in order', async () => {
    const { clock, sink, writer } = setup();
    expect(writer.push(rows(0, 3))).toBe(3);
    expect(writer.push(rows(3, 2))).toBe(5);
    await clock.advance(999);
    expect(sink.batches).toHaveLength(0);
    await clock.advance(1);
    expect(sink.batches).toEqual([rows(0, 5)]);
    expect(writer.metrics()).toMatchObject({ rowsWritten: 5, rowsBuffered: 0, batchesWritten: 1, writeFailures: 0 });
  });

  it('writes as soon as a full batch is buffered, never more than maxBatchRows per insert', async () => {
    const { clock, sink, writer } = setup({ maxBatchRows: 10 });
    writer.push(rows(0, 25));
    await clock.advance(0);
    // Two full batches go out at once; the 5 left wait for the interval.
    expect(sink.batches.map((b) => b.length)).toEqual([10, 10]);
    expect(writer.metrics().rowsBuffered).toBe(5);
    await clock.advance(1000);
    expect(sink.batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(sink.rows).toEqual(rows(0, 25));
  });

  it('retries a failed batch with exponential backoff, capped, and loses no row while the sink is down', async () => {
    const clock = new ManualScheduler();
    const sink = new FakeSink();
    const errors: [number, number][] = [];
    const w = new SampleWriter({
      sink,
      maxBatchRows: 10,
      initialRetryDelayMs: 100,
      maxRetryDelayMs: 800,
      schedule: clock.schedule,
      onError: (_err, attempt, retryInMs) => errors.push([attempt, retryInMs]),
    });
    sink.down = true;
    w.push(rows(0, 10));
    await clock.advance(0);
    await clock.advance(100 + 200 + 400 + 800 + 800);
    expect(errors).toEqual([[1, 100], [2, 200], [3, 400], [4, 800], [5, 800], [6, 800]]);
    w.push(rows(10, 15));
    expect(w.metrics()).toMatchObject({ rowsBuffered: 25, rowsWritten: 0, writeFailures: 6 });

    sink.down = false;
    await clock.advance(800);
    await clock.advance(1000);
    expect(sink.rows).toEqual(rows(0, 25));
    expect(w.metrics()).toMatchObject({ rowsBuffered: 0, rowsWritten: 25, writeFailures: 6 });
  });

  it('flush() writes everything buffered now, cutting a backoff short', async () => {
    const { clock, sink, writer } = setup({ maxBatchRows: 10 });
    sink.down = true;
    writer.push(rows(0, 10));
    await clock.advance(0);
    expect(clock.pending()).toEqual([100]);
    sink.down = false;
    writer.push(rows(10, 15));
    await writer.flush();
    expect(sink.rows).toEqual(rows(0, 25));
    expect(clock.pending()).toEqual([]);
  });

  it('close() drains the buffer and then refuses pushes', async () => {
    const { sink, writer } = setup();
    writer.push(rows(0, 7));
    await writer.close();
    expect(sink.rows).toEqual(rows(0, 7));
    expect(() => writer.push(rows(7, 1))).toThrow(/closed/);
  });

  it('reports the latency of each write to the hook and in the metrics', async () => {
    const clock = new ManualScheduler();
    const slowSink: SampleSink = { insertSamples: () => new Promise((resolve) => clock.schedule(resolve, 40)) };
    const writes: [number, number][] = [];
    const writer = new SampleWriter({
      sink: slowSink,
      schedule: clock.schedule,
      now: () => clock.nowMs,
      onWrite: (n, ms) => writes.push([n, ms]),
    });
    writer.push(rows(0, 4));
    await clock.advance(1000 + 40);
    expect(writes).toEqual([[4, 40]]);
    expect(writer.metrics().lastWriteLatencyMs).toBe(40);
  });

  describe('rows the database refuses', () => {
    /** A database that refuses, like PostgreSQL, any batch holding a row with a negative value (SQLSTATE 22003), and may be down. */
    class StrictSink extends FakeSink {
      statements = 0;
      override async insertSamples(rows: readonly SampleRow[]): Promise<void> {
        this.statements += 1;
        if (!this.down && rows.some((r) => (r.value ?? 0) < 0)) throw Object.assign(new Error('numeric value out of range'), { code: '22003' });
        return super.insertSamples(rows);
      }
    }
    const poison = (tMs: number): SampleRow => ({ tMs, sensorId: 's1', value: -1, status: 0 });

    function strictSetup(maxBatchRows = 100) {
      const clock = new ManualScheduler();
      const sink = new StrictSink();
      const rejected: RejectedRow<SampleRow>[] = [];
      const writer = new SampleWriter({ sink, maxBatchRows, initialRetryDelayMs: 100, maxRetryDelayMs: 800, schedule: clock.schedule, onRejected: (r) => rejected.push(...r) });
      return { clock, sink, writer, rejected };
    }

    it('splits a refused batch until the bad rows are alone, writes every other row in order, and hands the bad ones over with the reason', async () => {
      const { sink, writer, rejected } = strictSetup();
      const good = rows(0, 64);
      writer.push([...good.slice(0, 5), poison(-5), ...good.slice(5, 40), poison(-40), ...good.slice(40)]);
      await writer.flush();
      expect(sink.rows).toEqual(good);
      expect(rejected).toEqual([
        { row: poison(-5), reason: 'numeric value out of range', code: '22003' },
        { row: poison(-40), reason: 'numeric value out of range', code: '22003' },
      ]);
      expect(writer.metrics()).toMatchObject({ rowsWritten: 64, rowsRejected: 2, rowsBuffered: 0, writeFailures: 0 });
      // Bisecting 66 rows around 2 bad ones: a handful of statements per bad row, not one per row.
      expect(sink.statements).toBeLessThanOrEqual(1 + 2 * 2 * Math.ceil(Math.log2(66)));
    });

    it('keeps writing what is pushed after a refused row: it is never retried', async () => {
      const { clock, sink, writer, rejected } = strictSetup();
      writer.push([poison(0)]);
      await clock.advance(1000);
      writer.push(rows(1, 3));
      await clock.advance(1000);
      expect(sink.rows).toEqual(rows(1, 3));
      expect(rejected.map((r) => r.row)).toEqual([poison(0)]);
      expect(clock.pending()).toEqual([]);
    });

    it('retries, not splits, while the database is away, and then still finds the bad row', async () => {
      const { clock, sink, writer, rejected } = strictSetup();
      sink.down = true;
      writer.push([...rows(0, 3), poison(-1)]);
      await clock.advance(1000 + 100 + 200);
      expect(writer.metrics()).toMatchObject({ rowsBuffered: 4, writeFailures: 3, rowsRejected: 0 });
      sink.down = false;
      await clock.advance(400);
      expect(sink.rows).toEqual(rows(0, 3));
      expect(rejected.map((r) => r.row)).toEqual([poison(-1)]);
    });
  });

  describe('close() with a deadline', () => {
    it('gives up on a database that stays away at the deadline and returns what it could not write', async () => {
      const { clock, sink, writer } = setup({ maxBatchRows: 10 });
      writer.push(rows(0, 10));
      await clock.advance(0);
      expect(sink.rows).toHaveLength(10);
      sink.down = true;
      writer.push(rows(10, 25));
      let result: unknown = null;
      void writer.close({ deadlineMs: 5000 }).then((r) => (result = r));
      await clock.advance(4999);
      expect(result).toBeNull();
      await clock.advance(1);
      expect(result).toEqual({ flushed: 0, unflushed: 25 });
      // Nothing is left scheduled: no retry keeps the process alive after shutdown.
      await clock.advance(10_000);
      expect(clock.pending()).toEqual([]);
      expect(sink.rows).toHaveLength(10);
    });

    it('returns as soon as everything is written, with the count', async () => {
      const { clock, writer } = setup();
      writer.push(rows(0, 7));
      expect(await writer.close({ deadlineMs: 5000 })).toEqual({ flushed: 7, unflushed: 0 });
      expect(clock.pending()).toEqual([]);
    });
  });
});


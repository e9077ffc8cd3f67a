import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { TwinEvent } from '../../engine/events.ts';
import type { EventStore, StoredEventInput } from '../store/event-store.ts';
import type { SampleRow, SampleSink } from '../store/sample-store.ts';
import type { Quarantine } from '../store/quarantine.ts';
import { SampleWriter, type CloseResult, type SampleWriterOptions } from '../store/sample-writer.ts';


/**
 * Streams every sample and event of the live engine into history through retrying, batched
 * writers: the engine never waits for the database, and nothing is dropped while it is down.
 */
export class HistoryFeed {
  readonly samples: SampleWriter<SampleRow>;
  readonly events: SampleWriter<StoredEventInput>;
  private readonly subs: Subscription[] = [];
  /** Samples handed to the writer since start (the benchmark compares it with rows stored). */
  produced = 0;

  constructor(
    engine: TwinEngine,
    store: SampleSink & EventStore,
    options: Omit<SampleWriterOptions<SampleRow>, 'sink' | 'onRejected'> = {},
    /** Where rows the database refuses go (samples as writer 'twin', events as 'events'). */
    quarantine?: Pick<Quarantine, 'add'>,
  ) {
    this.samples = new SampleWriter({ ...options, sink: store, ...(quarantine ? { onRejected: (r) => quarantine.add('twin', r) } : {}) });
    this.events = new SampleWriter<StoredEventInput>({
      ...(options.schedule ? { schedule: options.schedule } : {}),
      sink: { insertSamples: (rows) => store.insertEvents(rows) },
      ...(quarantine ? { onRejected: (r) => quarantine.add('events', r) } : {}),
    });
    const ids = engine.layout.sensors.map((s) => s.id);
    this.subs.push(
      engine.frames$.subscribe((f) => {
        if (f.sampledCount === 0) return;
        const rows: SampleRow[] = new Array(f.sampledCount);
        for (let i = 0; i < f.sampledCount; i++) {
          const k = f.sampled[i]!;
          const v = f.values[k]!;
          rows[i] = { tMs: f.timeMs, sensorId: ids[k]!, value: Number.isNaN(v) ? null : v, status: f.status[k]! };
        }
        this.produced += rows.length;
        this.samples.push(rows);
      }),
      engine.events$.subscribe((e: TwinEvent) => {
        const { seq, tS, type, asset, ...payload } = e;
        this.events.push([{ seq, tMs: engine.startMs + tS * 1000, type, asset, payload }]);
      }),
    );
  }

  /** Rows both writers hold (samples and events). */
  get rowsBuffered(): number {
    return this.samples.metrics().rowsBuffered + this.events.metrics().rowsBuffered;
  }

  /** Stops listening and writes out everything buffered (on SIGINT/SIGTERM), for at most `deadlineMs` (default 10 s). */
  async close(options: { deadlineMs?: number } = {}): Promise<CloseResult> {
    for (const s of this.subs) s.unsubscribe();
    const [a, b] = await Promise.all([this.samples.close(options), this.events.close(options)]);
    return { flushed: a.flushed + b.flushed, unflushed: a.unflushed + b.unflushed };
  }
}

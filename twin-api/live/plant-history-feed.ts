import type { Subscription } from 'rxjs';
import { STATUS_NAMES } from '../../physics/model.ts';
import type { LiveSource } from '../shadow/live-source.ts';
import type { SampleRow, SampleSink } from '../store/sample-store.ts';
import type { Quarantine } from '../store/quarantine.ts';
import { SampleWriter, type CloseResult, type SampleWriterOptions } from '../store/sample-writer.ts';

const STATUS_CODE = new Map<string, number>(STATUS_NAMES.map((name, i) => [name, i]));

/**
 * Stores the live plant's measurements (shadow mode's source) in history as source 'plant', beside
 * the twin's own samples, through the same retrying batched writer: charts can then overlay what
 * was measured on what the twin predicted, and nothing measured is lost while the database is down.
 */
export class PlantHistoryFeed {
  readonly samples: SampleWriter<SampleRow>;
  private readonly sub: Subscription;
  /** Measurements handed to the writer since start. */
  received = 0;

  constructor(
    source: LiveSource,
    store: SampleSink,
    options: Omit<SampleWriterOptions<SampleRow>, 'sink' | 'onRejected'> = {},
    /** Where measurements the database refuses go (writer 'plant'): one bad message must not hold up the rest. */
    quarantine?: Pick<Quarantine, 'add'>,
  ) {
    this.samples = new SampleWriter({ ...options, sink: store, ...(quarantine ? { onRejected: (r) => quarantine.add('plant', r) } : {}) });
    this.sub = source.samples$.subscribe((s) => {
      this.received++;
      this.samples.push([{ tMs: s.timeMs, sensorId: s.sensor_id, value: s.value, status: STATUS_CODE.get(s.status) ?? 0, source: 'plant' }]);
    });
  }

  /** Stops listening and writes out everything buffered, for at most `deadlineMs` (default 10 s). */
  async close(options: { deadlineMs?: number } = {}): Promise<CloseResult> {
    this.sub.unsubscribe();
    return this.samples.close(options);
  }
}

import { closeSync, openSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { ParquetWriter } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer/src/node.js';
import type { Frame } from '../engine/frame.ts';
import type { PlantLayout } from '../engine/layout.ts';
import { STATUS_NAMES } from '../physics/model.ts';
import { UsageError } from './usage-error.ts';

/** Where a run's samples go: one row per sample, in the external record format. */
export interface SampleSink {
  write(frame: Frame): void;
  close(): void;
  readonly rows: number;
}

export const SINK_FORMATS = ['.csv', '.ndjson', '.parquet'] as const;

/** Picks the format from the file extension. */
export function openSampleSink(path: string, layout: PlantLayout, filter: (k: number) => boolean = () => true): SampleSink {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.csv':
      return new TextSink(path, layout, filter, 'csv');
    case '.ndjson':
    case '.jsonl':
      return new TextSink(path, layout, filter, 'ndjson');
    case '.parquet':
      return new ParquetSink(path, layout, filter);
    default:
      throw new UsageError(`--out: unsupported file type "${ext || path}" (use .csv, .ndjson or .parquet)`);
  }
}

/** Sorted indices of the frame's samples that pass the filter (sensor order keeps output stable). */
function sampledIndices(frame: Frame, filter: (k: number) => boolean): number[] {
  const ks: number[] = [];
  for (let i = 0; i < frame.sampledCount; i++) {
    const k = frame.sampled[i]!;
    if (filter(k)) ks.push(k);
  }
  return ks.sort((a, b) => a - b);
}

const CSV_HEADER = 'timestamp,sensor_id,parameter_name,value,unit,status,production_line,machine_id\n';

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class TextSink implements SampleSink {
  private readonly fd: number;
  private buf = '';
  rows = 0;
  // Per-sensor constant parts of each row, built once: row = head + value + mid + status + tail.
  private readonly head: string[];
  private readonly mid: string[];
  private readonly tail: string[];

  constructor(
    path: string,
    private readonly layout: PlantLayout,
    private readonly filter: (k: number) => boolean,
    private readonly format: 'csv' | 'ndjson',
  ) {
    this.fd = openSync(path, 'w');
    const q = JSON.stringify;
    this.head = layout.sensors.map((s) =>
      format === 'csv' ? `,${csvField(s.id)},${csvField(s.name)},` : `","sensor_id":${q(s.id)},"parameter_name":${q(s.name)},"value":`,
    );
    this.mid = layout.sensors.map((s) => (format === 'csv' ? `,${csvField(s.unit)},` : `,"unit":${q(s.unit)},"status":"`));
    this.tail = layout.sensors.map((s) => {
      if (format === 'csv') return s.assetKind === 'line' ? `,${csvField(s.asset)},\n` : `,,${csvField(s.asset)}\n`;
      return s.assetKind === 'line' ? `","production_line":${q(s.asset)}}\n` : `","machine_id":${q(s.asset)}}\n`;
    });
    if (format === 'csv') this.buf = CSV_HEADER;
  }

  write(frame: Frame): void {
    const ts = new Date(frame.timeMs).toISOString();
    const start = this.format === 'csv' ? ts : `{"timestamp":"${ts}`;
    const missing = this.format === 'csv' ? '' : 'null';
    for (const k of sampledIndices(frame, this.filter)) {
      const v = frame.values[k]!;
      const value = Number.isNaN(v) ? missing : String(v);
      this.buf += start + this.head[k]! + value + this.mid[k]! + STATUS_NAMES[frame.status[k]!]! + this.tail[k]!;
      this.rows++;
    }
    if (this.buf.length > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buf.length > 0) writeSync(this.fd, this.buf);
    this.buf = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const ROW_GROUP = 500_000;

class ParquetSink implements SampleSink {
  private readonly writer: ParquetWriter;
  private ts: bigint[] = [];
  private sensor: string[] = [];
  private value: (number | null)[] = [];
  private status: string[] = [];
  rows = 0;

  constructor(
    path: string,
    private readonly layout: PlantLayout,
    private readonly filter: (k: number) => boolean,
  ) {
    this.writer = new ParquetWriter({
      writer: fileWriter(path),
      createdBy: 'twinworks',
      schema: [
        { name: 'root', num_children: 8 },
        { name: 'timestamp', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' },
        { name: 'sensor_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'parameter_name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'value', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'unit', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'status', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'production_line', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'machine_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    });
  }

  write(frame: Frame): void {
    const t = BigInt(frame.timeMs);
    for (const k of sampledIndices(frame, this.filter)) {
      const v = frame.values[k]!;
      this.ts.push(t);
      this.sensor.push(this.layout.sensors[k]!.id);
      this.value.push(Number.isNaN(v) ? null : v);
      this.status.push(STATUS_NAMES[frame.status[k]!]!);
      this.rows++;
    }
    if (this.ts.length >= ROW_GROUP) this.flush();
  }

  private flush(): void {
    if (this.ts.length === 0) return;
    const byId = new Map(this.layout.sensors.map((s) => [s.id, s] as const));
    const sensors = this.sensor.map((id) => byId.get(id)!);
    this.writer.write({
      rowGroupSize: ROW_GROUP,
      columnData: [
        { name: 'timestamp', data: this.ts },
        { name: 'sensor_id', data: this.sensor },
        { name: 'parameter_name', data: sensors.map((s) => s.name) },
        { name: 'value', data: this.value },
        { name: 'unit', data: sensors.map((s) => s.unit) },
        { name: 'status', data: this.status },
        { name: 'production_line', data: sensors.map((s) => (s.assetKind === 'line' ? s.asset : null)) },
        { name: 'machine_id', data: sensors.map((s) => (s.assetKind === 'machine' ? s.asset : null)) },
      ],
    });
    this.ts = [];
    this.sensor = [];
    this.value = [];
    this.status = [];
  }

  close(): void {
    this.flush();
    this.writer.finish();
  }
}

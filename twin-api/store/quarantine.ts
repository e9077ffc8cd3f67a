import { appendFile } from 'node:fs/promises';
import type { QuarantinedRowInput, QuarantineStore } from './quarantine-store.ts';
import type { RejectedRow } from './sample-writer.ts';

export interface QuarantineOptions {
  readonly store: Pick<QuarantineStore, 'quarantineRows'>;
  /** A JSONL file for rows the table itself would not take (the database refuses them too, or is away); null: log only. */
  readonly fallbackFile: string | null;
  readonly log: (msg: string) => void;
  /** Wall-clock ms: the record's time and the log's rate limit. Default Date.now. */
  readonly now?: () => number;
  /** At most one log line per this interval; the rows in between are summed up in the next. Default 60 s. */
  readonly logIntervalMs?: number;
  /** After each quarantined row (a metric's counter). */
  readonly onQuarantined?: (writer: string, n: number) => void;
}

// PostgreSQL text cannot hold NUL, and a NUL may be the very reason a row is here.
const withoutNul = (s: string): string => s.replaceAll('\u0000', '\\u0000');

/**
 * Where the history writers' refused rows go: the `quarantined_samples` table, or a JSONL file when
 * the table write fails; counted, and logged at most once a `logIntervalMs` with the reason. Writes
 * run one after another in the background: a writer never waits for its quarantine.
 * @example
 * const q = new Quarantine({ store, fallbackFile: join(dataDir, 'quarantined-samples.jsonl'), log });
 * new SampleWriter({ sink: store, onRejected: (r) => q.add('plant', r) });
 */
export class Quarantine {
  /** Rows quarantined since start (in the table, the file, or, if both failed, only the log). */
  count = 0;
  private chain: Promise<void> = Promise.resolve();
  private lastLogMs = -Infinity;
  private unloggedRows = 0;
  private readonly now: () => number;

  constructor(private readonly o: QuarantineOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Takes the rows a writer refused; returns at once. */
  add(writer: string, rejected: readonly RejectedRow<unknown>[]): void {
    if (rejected.length === 0) return;
    const atMs = this.now();
    const rows: QuarantinedRowInput[] = rejected.map((r) => ({
      atMs,
      writer,
      code: r.code,
      reason: withoutNul(r.reason),
      rowJson: JSON.stringify(r.row),
    }));
    this.count += rows.length;
    this.o.onQuarantined?.(writer, rows.length);
    this.logRateLimited(rows[0]!, rows.length);
    this.chain = this.chain.then(() => this.keep(rows));
  }

  /** Resolves when every row added so far is kept (or given up on). */
  settled(): Promise<void> {
    return this.chain;
  }

  private async keep(rows: QuarantinedRowInput[]): Promise<void> {
    try {
      await this.o.store.quarantineRows(rows);
      return;
    } catch (err) {
      this.o.log(`quarantine: table write failed (${(err as Error).message}); ${this.o.fallbackFile ? `appending to ${this.o.fallbackFile}` : 'rows are only logged'}`);
    }
    if (!this.o.fallbackFile) {
      for (const r of rows) this.o.log(`quarantine: lost ${r.writer} row ${r.rowJson} (${r.reason})`);
      return;
    }
    try {
      await appendFile(this.o.fallbackFile, rows.map((r) => JSON.stringify(r) + '\n').join(''));
    } catch (err) {
      this.o.log(`quarantine: ${this.o.fallbackFile} not writable (${(err as Error).message})`);
      for (const r of rows) this.o.log(`quarantine: lost ${r.writer} row ${r.rowJson} (${r.reason})`);
    }
  }

  private logRateLimited(first: QuarantinedRowInput, n: number): void {
    this.unloggedRows += n;
    const t = this.now();
    if (t - this.lastLogMs < (this.o.logIntervalMs ?? 60_000)) return;
    this.lastLogMs = t;
    const more = this.unloggedRows - 1;
    this.unloggedRows = 0;
    this.o.log(
      `history: the database refused a ${first.writer} row as invalid, quarantined: ${first.reason}` +
        `${first.code ? ` (SQLSTATE ${first.code})` : ''}; row ${first.rowJson.slice(0, 300)}` +
        (more > 0 ? `; and ${more} more rows since the last report` : ''),
    );
  }
}

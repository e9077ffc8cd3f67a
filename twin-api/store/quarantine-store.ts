/** Rows a history writer could not store because the database refused them as invalid. */
export interface QuarantinedRowInput {
  readonly atMs: number;
  /** Which writer refused it: 'twin' or 'plant' samples, or 'events'. */
  readonly writer: string;
  /** The SQLSTATE, when there was one (22008: time out of range, 22021: NUL or bad UTF-8…). */
  readonly code: string | null;
  readonly reason: string;
  /** The row as JSON text (a NUL in it is escaped, `\u0000`). */
  readonly rowJson: string;
}

export interface QuarantinedRow extends QuarantinedRowInput {
  readonly id: number;
}

/** Keeps refused rows, so that nothing the plant sent vanishes without a trace. */
export interface QuarantineStore {
  quarantineRows(rows: readonly QuarantinedRowInput[]): Promise<void>;
  /** Newest first. */
  listQuarantined(limit: number): Promise<QuarantinedRow[]>;
  countQuarantined(): Promise<number>;
}

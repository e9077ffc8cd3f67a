export interface RecordingInput {
  readonly name: string;
  readonly scenario: string;
  readonly meta: unknown;
  readonly body: Uint8Array;
  /** Defaults to the database's now(). */
  readonly createdAtMs?: number;
}

export interface RecordingInfo {
  readonly id: number;
  readonly name: string;
  readonly createdAtMs: number;
  readonly scenario: string;
  readonly meta: unknown;
  readonly sizeBytes: number;
}

export interface Recording extends RecordingInfo {
  readonly body: Uint8Array;
}

/** Recordings of training sessions (replays): listed without their body, fetched with it. */
export interface RecordingStore {
  saveRecording(recording: RecordingInput): Promise<RecordingInfo>;
  listRecordings(): Promise<RecordingInfo[]>;
  getRecording(id: number): Promise<Recording | null>;
}

/**
 * What the server is doing while it starts, for GET /api/health: the store opening, the engine
 * starting, the default models training (with the trainer's progress). The server is "starting"
 * until every phase has ended; a failed phase ends it too (health then says degraded or which failed).
 */
import type { StartupPhase, StartupPhaseName } from '../../protocol/health.ts';

const ORDER: readonly StartupPhaseName[] = ['store', 'engine', 'models'];

export class StartupPhases {
  private readonly phases = new Map<StartupPhaseName, { state: StartupPhase['state']; startMs: number | null; endMs: number | null; detail?: string; progress?: StartupPhase['progress'] }>();
  private readonly startMs: number;

  /** `nowMs`: wall ms (Date.now live, a counter in tests). */
  constructor(private readonly nowMs: () => number) {
    this.startMs = nowMs();
    for (const n of ORDER) this.phases.set(n, { state: 'pending', startMs: null, endMs: null });
  }

  begin(name: StartupPhaseName, detail?: string): void {
    this.set(name, { state: 'running', startMs: this.nowMs(), ...(detail !== undefined ? { detail } : {}) });
  }

  /** Training progress: models done of total, and the trainer's ETA (null: not known yet). */
  progress(name: StartupPhaseName, progress: NonNullable<StartupPhase['progress']>, detail?: string): void {
    this.set(name, { progress, ...(detail !== undefined ? { detail } : {}) });
  }

  end(name: StartupPhaseName, state: 'done' | 'failed' | 'skipped', detail?: string): void {
    this.set(name, { state, endMs: this.nowMs(), ...(detail !== undefined ? { detail } : {}) });
  }

  get starting(): boolean {
    return [...this.phases.values()].some((p) => p.state === 'pending' || p.state === 'running');
  }

  /** The wire view: each phase with its state, seconds since the process started it and how long it took. */
  view(): StartupPhase[] {
    return ORDER.map((name) => {
      const p = this.phases.get(name)!;
      const s = (ms: number | null) => (ms === null ? null : Math.round((ms - this.startMs) / 100) / 10);
      return {
        name,
        state: p.state,
        startedAtS: s(p.startMs),
        tookS: p.startMs !== null && p.endMs !== null ? Math.round((p.endMs - p.startMs) / 100) / 10 : null,
        ...(p.detail !== undefined ? { detail: p.detail } : {}),
        ...(p.progress ? { progress: p.progress } : {}),
      };
    });
  }

  private set(name: StartupPhaseName, patch: Partial<{ state: StartupPhase['state']; startMs: number; endMs: number; detail: string; progress: StartupPhase['progress'] }>): void {
    this.phases.set(name, { ...this.phases.get(name)!, ...patch });
  }
}

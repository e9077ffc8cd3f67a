import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import { RECORDING_VERSION, type Recording } from '../../scenarios/recording.ts';
import { ReplaySession } from '../../scenarios/replay.ts';
import type { OperatorAction, Scenario } from '../../scenarios/types.ts';
import { TwinApiError, badRequest, notFound } from '../errors.ts';
import type { RecordingStore } from '../store/recording-store.ts';
import { TrainingSession } from './training-session.ts';

export interface SessionManagerDeps {
  readonly loadScenario: (name: string) => Scenario;
  readonly createEngine: (scenario: Scenario) => TwinEngine;
  readonly store: RecordingStore | null;
  /** Called when a session's state changes (for the `state` WebSocket channel). */
  readonly onState?: (view: ReturnType<TrainingSession['view']>) => void;
  readonly maxSessions?: number;
  readonly scheduler?: SchedulerLike;
}

export type SessionAction =
  | { readonly action: 'start' | 'pause' | 'resume' }
  | { readonly action: 'step'; readonly n?: number }
  | { readonly action: 'seek'; readonly tS: number }
  | { readonly action: 'speed'; readonly speed: number | 'max' };

/** Scenario runs, replays and branches for trainers and engineers, each with its own clock. */
export class SessionManager {
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly stateSubs = new Map<string, Subscription>();
  private counter = 0;

  constructor(private readonly deps: SessionManagerDeps) {}

  list() {
    return [...this.sessions.values()].map((s) => s.view());
  }

  get(id: string): TrainingSession {
    const s = this.sessions.get(id);
    if (!s) throw notFound(`no session "${id}"`);
    return s;
  }

  /** A scenario from the library at t = 0, recorded so it can be branched and saved. */
  fromScenario(name: string, seed?: number): TrainingSession {
    let scenario: Scenario;
    try {
      scenario = this.deps.loadScenario(name);
    } catch (err) {
      // A ScenarioError lists its issues; the file's own path means nothing to an API caller.
      const issues = (err as { issues?: readonly { message: string }[] }).issues;
      throw badRequest(`scenario: ${issues ? issues.map((i) => i.message).join('; ') : (err as Error).message}`);
    }
    if (seed !== undefined) scenario = { ...scenario, seed };
    const engine = this.deps.createEngine(scenario);
    return this.add(new TrainingSession(this.nextId(), { kind: 'scenario', scenario: scenario.name }, engine, null, scenario.durationS, this.scheduler));
  }

  /** Replays a stored recording. */
  async fromRecording(recordingId: number): Promise<TrainingSession> {
    const stored = await this.deps.store?.getRecording(recordingId);
    if (!stored) throw notFound(`no recording ${recordingId}`);
    const recording = JSON.parse(Buffer.from(stored.body).toString('utf8')) as Recording;
    if (recording.version !== RECORDING_VERSION) throw badRequest(`recording ${recordingId} has unsupported version ${String(recording.version)}`);
    const replay = new ReplaySession(recording, this.deps.createEngine);
    return this.add(new TrainingSession(this.nextId(), { kind: 'recording', recordingId }, replay.engine, replay, replay.endS, this.scheduler));
  }

  /**
   * "What if the operator had …": continues session `id` from `tS` with other actions, as a new
   * session. The session itself moves to `tS` first (a scenario or branch seeks back like a recording).
   */
  branch(id: string, tS: number, actions: readonly OperatorAction[]): TrainingSession {
    const s = this.get(id);
    let engine: TwinEngine;
    if (s.replay) {
      engine = wrapEngineError(() => s.replay!.branch(tS, actions));
    } else {
      wrapEngineError(() => s.clock.seek(tS));
      const atS = s.engine.tS;
      const base = s.engine.scenario;
      const kept = base.actions.filter((a) => a.atS < atS);
      for (const a of actions) if (a.atS < atS) throw badRequest(`actions: an action at ${a.atS} s is before the branch point (${atS} s)`);
      engine = s.engine.fork({ scenario: { ...base, name: `${base.name}@branch-${atS}s`, actions: [...kept, ...actions].sort((a, b) => a.atS - b.atS) } });
    }
    this.deps.onState?.(s.view());
    return this.add(new TrainingSession(this.nextId(), { kind: 'branch', from: id, atS: engine.tS }, engine, null, engine.durationS, this.scheduler));
  }

  control(id: string, a: SessionAction): TrainingSession {
    const s = this.get(id);
    wrapEngineError(() => {
      switch (a.action) {
        case 'start':
        case 'resume':
          s.clock.play();
          break;
        case 'pause':
          s.clock.pause();
          break;
        case 'step':
          s.clock.stepOnce(a.n ?? 1);
          break;
        case 'seek':
          s.clock.seek(a.tS);
          break;
        case 'speed':
          s.clock.setSpeed(a.speed);
          break;
      }
    });
    this.deps.onState?.(s.view());
    return s;
  }

  /** Saves what a scenario or branch session has run so far as a recording in history. */
  async saveRecording(id: string, name: string) {
    const s = this.get(id);
    if (s.replay) throw badRequest('session: a replay is already a recording');
    if (!this.deps.store) throw new TwinApiError('TWIN_ERR_UNAVAILABLE', 'recordings need the history store');
    const recording = s.recordingSoFar();
    return this.deps.store.saveRecording({
      name,
      scenario: recording.scenario.name,
      meta: { startTick: recording.startTick, endTick: recording.endTick, stepS: recording.scenario.stepS, events: recording.events.length, hash: recording.hash },
      body: Buffer.from(JSON.stringify(recording), 'utf8'),
    });
  }

  remove(id: string): void {
    const s = this.get(id);
    // Unsubscribed first: the pause in close() must not announce the ended session as if it were still there.
    this.stateSubs.get(id)?.unsubscribe();
    this.stateSubs.delete(id);
    s.close();
    this.sessions.delete(id);
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
  }

  private get scheduler(): SchedulerLike {
    return this.deps.scheduler ?? asyncScheduler;
  }

  private nextId(): string {
    return `S${++this.counter}`;
  }

  private add(s: TrainingSession): TrainingSession {
    const max = this.deps.maxSessions ?? 8;
    if (this.sessions.size >= max) {
      s.close();
      throw new TwinApiError('TWIN_ERR_CONFLICT', `at most ${max} sessions at once; delete one first`);
    }
    this.sessions.set(s.id, s);
    this.stateSubs.set(s.id, s.clock.status$.subscribe(() => this.deps.onState?.(s.view())));
    return s;
  }
}

/** Engine errors (bad time, bad setpoint) are the caller's mistake: 400 with the engine's message. */
function wrapEngineError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if ((err as Error).name === 'EngineError') throw badRequest((err as Error).message);
    throw err;
  }
}

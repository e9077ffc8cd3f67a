import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { SimClock, type ClockStatus, type ClockTarget } from '../../engine/clock.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import type { TwinEvent } from '../../engine/events.ts';
import { Recorder, type Recording } from '../../scenarios/recording.ts';
import type { ReplaySession } from '../../scenarios/replay.ts';
import type { SessionOptimizer } from './session-optimizer.ts';
import { SessionRewind } from './session-rewind.ts';

/** Where a session came from. */
export type SessionSource =
  | { readonly kind: 'scenario'; readonly scenario: string }
  | { readonly kind: 'recording'; readonly recordingId: number }
  | { readonly kind: 'branch'; readonly from: string; readonly atS: number };

/** Events a trainer's timeline marks (units produced and alert chatter are left out). */
const TIMELINE_TYPES = new Set<TwinEvent['type']>(['defect', 'fault_onset', 'failure', 'maintenance', 'setpoint_changed']);
const MAX_TIMELINE = 20_000;
const CHECKPOINT_EVERY_S = 900;

export interface TimelineMark {
  readonly tS: number;
  readonly type: TwinEvent['type'];
  readonly asset: string;
  readonly label: string;
}

function mark(e: TwinEvent): TimelineMark {
  const label =
    e.type === 'defect' ? e.defect : e.type === 'fault_onset' ? e.fault : e.type === 'failure' ? e.mode : e.type === 'maintenance' ? e.kind : e.type === 'setpoint_changed' ? `${e.setpoint} → ${e.value}` : e.type;
  return { tS: e.tS, type: e.type, asset: e.asset, label };
}

/**
 * A trainer's or engineer's run beside the live plant: a scenario, a replayed recording or a branch,
 * with its own clock. It never writes into the live plant's history or alerts.
 */
export class TrainingSession {
  readonly clock: SimClock;
  timeline: TimelineMark[] = [];
  /** The optimizer planning along this session once a trainer switched it on (GET/PUT /api/sessions/:id/optimizer). */
  optimizer: SessionOptimizer | null = null;
  private readonly subs: Subscription[] = [];
  /** Scenario and branch sessions: their own snapshots, so they seek backwards too. */
  private readonly rewind: SessionRewind | null;
  /**
   * Records a scenario or branch session as it runs; null for a replay (a recording already) and
   * after a backwards seek, when the live recorder no longer holds one straight run.
   */
  private recorder: Recorder | null;

  constructor(
    readonly id: string,
    readonly source: SessionSource,
    readonly engine: TwinEngine,
    readonly replay: ReplaySession | null,
    endS: number,
    scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.recorder = replay ? null : new Recorder(engine, { checkpointEveryS: CHECKPOINT_EVERY_S });
    this.rewind = replay ? null : new SessionRewind(engine, (tS) => this.rewound(tS), CHECKPOINT_EVERY_S);
    const target: ClockTarget = replay ?? this.rewind!;
    this.clock = new SimClock(target, { mode: { kind: 'paced', speed: 1 }, endS, scheduler });
    if (replay) {
      // A replay knows its whole timeline up front, so the trainer can see incidents ahead.
      for (const e of replay.recording.events) if (TIMELINE_TYPES.has(e.type) && this.timeline.length < MAX_TIMELINE) this.timeline.push(mark(e));
    } else {
      this.subs.push(
        engine.events$.subscribe((e) => {
          if (TIMELINE_TYPES.has(e.type) && this.timeline.length < MAX_TIMELINE) this.timeline.push(mark(e));
        }),
      );
    }
  }

  get status(): ClockStatus {
    return this.clock.status;
  }

  view() {
    const st = this.clock.status;
    return {
      id: this.id,
      source: this.source,
      scenario: this.engine.scenario.name,
      t: this.engine.isoAt(),
      tS: this.engine.tS,
      startS: this.replay ? this.replay.startS : this.rewind!.startS,
      endS: st.endS,
      running: st.running,
      finished: st.finished,
      speed: st.mode.kind === 'paced' ? st.mode.speed : ('max' as const),
      recording: this.replay === null,
      timelineMarks: this.timeline.length,
    };
  }

  /**
   * The session's run so far as a recording, from its start. Without a rewind the live recorder has
   * it (a fresh recorder carries on, so the session can be saved again); after one, the run is
   * re-made from the session's start snapshot on a fork, which is the same run (determinism).
   */
  recordingSoFar(): Recording {
    if (!this.rewind) throw new Error('a replay is already a recording');
    if (this.recorder) {
      const recording = this.recorder.finish();
      this.recorder = new Recorder(this.engine, { checkpointEveryS: CHECKPOINT_EVERY_S });
      return recording;
    }
    const rerun = this.engine.fork();
    try {
      rerun.restore(this.rewind.origin);
      const recorder = new Recorder(rerun, { checkpointEveryS: CHECKPOINT_EVERY_S });
      rerun.step(this.engine.tick - rerun.tick);
      return recorder.finish();
    } finally {
      rerun.dispose();
    }
  }

  /** After a backwards seek: what lies past the new time has not happened yet in this run. */
  private rewound(tS: number): void {
    this.timeline = this.timeline.filter((m) => m.tS <= tS);
    this.recorder?.finish();
    this.recorder = null;
  }

  close(): void {
    this.clock.pause();
    this.optimizer?.close();
    for (const s of this.subs) s.unsubscribe();
    this.rewind?.close();
    this.recorder?.finish();
    this.engine.dispose();
  }
}

import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { SimClock, type ClockStatus, type ClockTarget } from '../../engine/clock.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import type { TwinEvent } from '../../engine/events.ts';
import type { Recorder } from '../../scenarios/recording.ts';
import type { ReplaySession } from '../../scenarios/replay.ts';

/** Where a session came from. */
export type SessionSource =
  | { readonly kind: 'scenario'; readonly scenario: string }
  | { readonly kind: 'recording'; readonly recordingId: number }
  | { readonly kind: 'branch'; readonly from: string; readonly atS: number };

/** Events a trainer's timeline marks (units produced and alert chatter are left out). */
const TIMELINE_TYPES = new Set<TwinEvent['type']>(['defect', 'fault_onset', 'failure', 'maintenance', 'setpoint_changed']);
const MAX_TIMELINE = 20_000;

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
  readonly timeline: TimelineMark[] = [];
  private readonly subs: Subscription[] = [];

  constructor(
    readonly id: string,
    readonly source: SessionSource,
    readonly engine: TwinEngine,
    readonly replay: ReplaySession | null,
    public recorder: Recorder | null,
    endS: number,
    scheduler: SchedulerLike = asyncScheduler,
  ) {
    const target: ClockTarget = replay ?? engine;
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
      startS: this.replay ? this.replay.startS : 0,
      endS: st.endS,
      running: st.running,
      finished: st.finished,
      speed: st.mode.kind === 'paced' ? st.mode.speed : ('max' as const),
      recording: this.recorder !== null,
      timelineMarks: this.timeline.length,
    };
  }

  close(): void {
    this.clock.pause();
    for (const s of this.subs) s.unsubscribe();
    this.engine.dispose();
  }
}

/**
 * Applies a recommendation to the plant and watches it: ramps the setpoints at the policy's rate
 * through the plant command service (origin `optimizer`), counts the line's units and defects from
 * the change on, and at each tick asks the rollback rule whether to keep or undo it. A rollback
 * ramps the previous targets back, also within the rate limits (origin `rollback`).
 */
import type { Subscription } from 'rxjs';
import type { PlantCommands } from '../../commands/index.ts';
import type { TwinEvent } from '../../engine/events.ts';
import { RAMP_EVERY_S, rampSchedule, type TimedCommand } from '../../rl/ramp-schedule.ts';
import { optimizerAt, type Actor, type RecommendationBook } from '../../rl/recommendation-book.ts';
import type { Execution, Outcome, Recommendation } from '../../rl/recommendation.ts';
import { judge, type RollbackSettings } from '../../rl/rollback-rule.ts';
import type { Envelope } from '../../rl/safety-policy.ts';

export interface ExecutorDeps {
  readonly book: RecommendationBook;
  readonly commands: Pick<PlantCommands, 'execute' | 'setpoints'>;
  readonly events$: { subscribe(next: (e: TwinEvent) => void): Subscription };
  readonly isoAt: (tS: number) => string;
  readonly envelopeOf: (setpoint: string) => Envelope | undefined;
  readonly rollback: () => RollbackSettings;
  /** A constraint about to be hit on the asset since `sinceS` (a CRITICAL alert), or null. */
  readonly constraint: (asset: string, sinceS: number) => string | null;
  /** Stores and publishes a changed recommendation. */
  readonly save: (rec: Recommendation) => Promise<void>;
  readonly log: (msg: string) => void;
}

interface Run {
  readonly id: string;
  readonly asset: string;
  queue: TimedCommand[];
  units: number;
  defects: number;
  /** 'ramp' and 'watch' while applying; 'back' while ramping back after a rollback. */
  phase: 'ramp' | 'watch' | 'back';
}

const holdLevel = (rec: Recommendation) => rec.evidence.curves.holdDefectsPer1000.at(-1) ?? 0;
const expectedLevel = (rec: Recommendation) => rec.evidence.curves.candidateDefectsPer1000.at(-1) ?? 0;

export class Executor {
  private readonly runs = new Map<string, Run>();
  private readonly sub: Subscription;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ExecutorDeps) {
    this.sub = deps.events$.subscribe((e) => {
      for (const run of this.runs.values()) {
        if (run.asset !== e.asset || run.phase === 'back') continue;
        if (e.type === 'unit_produced') run.units++;
        else if (e.type === 'defect') run.defects++;
      }
    });
  }

  /** Assets with a change being applied or rolled back: the optimizer leaves them alone. */
  busyAssets(): Set<string> {
    return new Set([...this.runs.values()].map((r) => r.asset));
  }

  /** Starts applying an approved (or auto-applied) recommendation at simulated time `nowS`. */
  async begin(rec: Recommendation, nowS: number): Promise<Recommendation> {
    const targets = new Map(this.deps.commands.setpoints().map((s) => [s.id, s.target]));
    const moves = rec.moves.map((m) => ({ setpoint: m.setpoint, from: targets.get(m.setpoint) ?? m.from, to: m.to }));
    const { commands, endS } = rampSchedule(moves, this.deps.envelopeOf, nowS, RAMP_EVERY_S);
    const execution: Execution = {
      previous: Object.fromEntries(moves.map((m) => [m.setpoint, m.from])),
      startedAtS: nowS,
      rampEndS: endS,
      windowEndS: endS + this.deps.rollback().windowS,
      commandIds: [],
      observed: { units: 0, defects: 0, defectsPer1000: null },
      rollback: null,
    };
    const started = this.deps.book.startExecution(rec.id, optimizerAt(nowS, this.deps.isoAt(nowS)), execution);
    this.runs.set(rec.id, { id: rec.id, asset: rec.asset, queue: commands, units: 0, defects: 0, phase: 'ramp' });
    await this.deps.save(started);
    return started;
  }

  /** Sends the commands due by `nowS` and judges each watched change; calls never overlap. */
  tick(nowS: number): Promise<void> {
    this.busy = this.busy.then(() => this.step(nowS)).catch((err: Error) => this.deps.log(`optimizer executor: ${err.message}`));
    return this.busy;
  }

  /** Resolves when the ticks asked for so far are done (tests step the twin by hand). */
  idle(): Promise<void> {
    return this.busy;
  }

  /** Undoes a change now (an operator's request, or the rule's): ramps the previous targets back. */
  async rollBack(id: string, by: Actor, reason: string, automatic: boolean): Promise<Recommendation> {
    const rec = this.deps.book.get(id);
    const ex = rec.execution;
    if (!ex) throw new Error(`recommendation ${id} was never applied`);
    const targets = new Map(this.deps.commands.setpoints().map((s) => [s.id, s.target]));
    const back = Object.entries(ex.previous).map(([setpoint, to]) => ({ setpoint, from: targets.get(setpoint) ?? to, to }));
    const run = this.runs.get(id) ?? { id, asset: rec.asset, queue: [], units: ex.observed?.units ?? 0, defects: ex.observed?.defects ?? 0, phase: 'back' as const };
    run.queue = rampSchedule(back, this.deps.envelopeOf, by.atS, RAMP_EVERY_S).commands;
    run.phase = 'back';
    this.runs.set(id, run);
    const observed = observedOf(run);
    const withRollback: Execution = { ...ex, observed, rollback: { atS: by.atS, automatic, reason } };
    this.deps.book.updateExecution(id, withRollback);
    const done = this.deps.book.rollBack(id, by, reason, outcomeOf(rec, observed.defectsPer1000));
    await this.deps.save(done);
    return done;
  }

  close(): void {
    this.sub.unsubscribe();
    this.runs.clear();
  }

  private async step(nowS: number): Promise<void> {
    for (const run of [...this.runs.values()]) {
      await this.send(run, nowS);
      const rec = this.deps.book.get(run.id);
      if (run.phase === 'back') {
        if (run.queue.length === 0) this.runs.delete(run.id);
        continue;
      }
      const ex = rec.execution!;
      if (run.phase === 'ramp' && run.queue.length === 0) run.phase = 'watch';
      const observed = observedOf(run);
      const verdict = judge({ units: run.units, defects: run.defects, holdDefectsPer1000: holdLevel(rec), nowS, windowEndS: ex.windowEndS, constraint: this.deps.constraint(rec.asset, ex.startedAtS) }, this.deps.rollback());
      if (verdict.kind === 'roll_back') {
        this.deps.log(`optimizer: rolling back ${rec.id} on ${rec.asset}: ${verdict.reason}`);
        await this.rollBack(rec.id, optimizerAt(nowS, this.deps.isoAt(nowS)), verdict.reason, true);
      } else if (verdict.kind === 'keep' && run.phase === 'watch') {
        this.deps.book.updateExecution(rec.id, { ...ex, observed });
        const done = this.deps.book.finish(rec.id, optimizerAt(nowS, this.deps.isoAt(nowS)), outcomeOf(rec, observed.defectsPer1000));
        this.runs.delete(run.id);
        await this.deps.save(done);
      } else if (observed.units !== ex.observed?.units) {
        // Figures move with every unit; they are published with the next change of status or command.
        this.deps.book.updateExecution(rec.id, { ...ex, observed });
      }
    }
  }

  /** Sends the run's due commands in order; a refused one ends the ramp and rolls the change back. */
  private async send(run: Run, nowS: number): Promise<void> {
    while (run.queue.length > 0 && run.queue[0]!.atS <= nowS + 1e-9) {
      const c = run.queue.shift()!;
      const origin = run.phase === 'back' ? 'rollback' : 'optimizer';
      try {
        const out = await this.deps.commands.execute({ kind: 'setpoint', setpoint: c.setpoint, value: c.value }, { actor: 'optimizer', role: 'optimizer', origin, reason: `recommendation ${run.id}` });
        const rec = this.deps.book.get(run.id);
        const updated = this.deps.book.updateExecution(run.id, { ...rec.execution!, commandIds: [...rec.execution!.commandIds, out.id], observed: observedOf(run) });
        await this.deps.save(updated);
      } catch (err) {
        this.deps.log(`optimizer: ${c.setpoint} → ${c.value} for ${run.id} was refused: ${(err as Error).message}`);
        run.queue = [];
        if (origin === 'optimizer') await this.rollBack(run.id, optimizerAt(nowS, this.deps.isoAt(nowS)), `a ramp command was refused: ${(err as Error).message}`, true);
        return;
      }
    }
  }
}

function observedOf(run: Run): NonNullable<Execution['observed']> {
  return { units: run.units, defects: run.defects, defectsPer1000: run.units > 0 ? (1000 * run.defects) / run.units : null };
}

function outcomeOf(rec: Recommendation, observedPer1000: number | null): Outcome {
  const hold = holdLevel(rec);
  return { expectedDefectsPer1000: expectedLevel(rec), holdDefectsPer1000: hold, observedDefectsPer1000: observedPer1000, improved: observedPer1000 === null ? null : observedPer1000 < hold };
}

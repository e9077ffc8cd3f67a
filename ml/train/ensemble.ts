/**
 * Seed ensembles: the mean of a few independently seeded networks, which lowers the variance part of
 * the error (Lakshminarayanan, Pritzel & Blundell, "Simple and Scalable Predictive Uncertainty
 * Estimation using Deep Ensembles", NeurIPS 2017). The spread of the members is an uncertainty cue.
 */
import type { TaskName, WindowSet } from '../window-set.ts';
import type { TaskModel } from './task-model.ts';

/** A TaskModel averaging its members' outputs (members must share task and outputs). */
export class EnsembleModel implements TaskModel {
  constructor(readonly members: readonly TaskModel[]) {
    if (members.length === 0) throw new Error('EnsembleModel: no members');
  }
  get task(): TaskName { return this.members[0]!.task; }
  get outputNames(): readonly string[] { return this.members[0]!.outputNames; }

  predict(ws: WindowSet): Float32Array {
    const out = this.members[0]!.predict(ws);
    for (let m = 1; m < this.members.length; m++) {
      const p = this.members[m]!.predict(ws);
      for (let k = 0; k < out.length; k++) out[k] = out[k]! + p[k]!;
    }
    for (let k = 0; k < out.length; k++) out[k] = out[k]! / this.members.length;
    return out;
  }

  /** Saves member k to `dir/k`. */
  async save(dir: string): Promise<void> {
    for (const [k, m] of this.members.entries()) await m.save(`${dir}/${k}`);
  }

  dispose(): void { this.members.forEach((m) => m.dispose()); }
}

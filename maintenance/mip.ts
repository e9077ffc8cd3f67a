/**
 * A mixed-integer program over binary variables, and the port a solver implements. The planner
 * builds the model; an adapter (twin-api/maintenance/highs-solver.ts: HiGHS in WebAssembly) solves
 * it. Kept to what the schedule needs: binaries, linear rows, maximise.
 */

export interface MipRow {
  readonly name: string;
  /** Variable index → coefficient. */
  readonly terms: readonly (readonly [number, number])[];
  readonly sense: '<=' | '>=' | '=';
  readonly rhs: number;
}

export interface MipModel {
  /** Objective coefficient of each binary variable (maximised). */
  readonly objective: readonly number[];
  readonly rows: readonly MipRow[];
}

export interface MipOptions {
  readonly timeLimitS: number;
  /** Relative gap at which the solver may stop (0.0001 = 0.01 %). */
  readonly relGap: number;
}

export type MipStatus = 'optimal' | 'gap-reached' | 'time-limit' | 'infeasible' | 'failed';

export interface MipResult {
  readonly status: MipStatus;
  /** 0/1 per variable; absent when no feasible solution came back. */
  readonly values?: readonly number[];
  readonly objective?: number;
  /** Relative gap between the solution and the bound, when the solver says. */
  readonly gap?: number;
  /** The solver's own words, when it failed. */
  readonly message?: string;
}

export interface MipSolver {
  readonly name: string;
  solve(model: MipModel, options: MipOptions): Promise<MipResult>;
}

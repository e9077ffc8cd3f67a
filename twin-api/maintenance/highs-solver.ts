/**
 * The MIP port on HiGHS (the `highs` package: HiGHS compiled to WebAssembly, MIT), given the model as
 * a sparse matrix (no LP text to write and parse). HiGHS's solve is synchronous: on the server it
 * blocks the thread it runs on for up to the time limit, so callers keep the limit short or run it
 * in a worker.
 */
import highsPkg, { type Highs } from 'highs';
import type { MipModel, MipOptions, MipResult, MipSolver, MipStatus } from '../../maintenance/mip.ts';

// A CommonJS package whose types say ES default export: at run time the default import is the loader itself.
type Loader = typeof highsPkg.default;
const highsLoader: Loader = typeof highsPkg === 'function' ? (highsPkg as Loader) : highsPkg.default;

let loading: Promise<Highs> | null = null;
const loadHighs = (): Promise<Highs> => (loading ??= highsLoader());

/** CSR arrays of the model's rows, with each row's bounds. */
function rowsOf(model: MipModel, inf: number) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const r of model.rows) {
    // HiGHS rejects a column listed twice in one row: sum duplicates first.
    const merged = new Map<number, number>();
    for (const [j, c] of r.terms) merged.set(j, (merged.get(j) ?? 0) + c);
    for (const [j, c] of [...merged].sort((a, b) => a[0] - b[0])) {
      indices.push(j);
      values.push(c);
    }
    starts.push(indices.length);
    lower.push(r.sense === '<=' ? -inf : r.rhs);
    upper.push(r.sense === '>=' ? inf : r.rhs);
  }
  return { starts, indices, values, lower, upper };
}

export async function highsSolver(): Promise<MipSolver> {
  const highs = await loadHighs();
  const k = highs.constants.modelStatus;
  return {
    name: 'HiGHS',
    async solve(model: MipModel, options: MipOptions): Promise<MipResult> {
      const n = model.objective.length;
      if (n === 0) return { status: 'optimal', values: [], objective: 0, gap: 0 };
      const rows = rowsOf(model, highs.infinity);
      const m = highs.createModel({
        numCols: n,
        numRows: model.rows.length,
        sense: highs.constants.objectiveSense.maximize,
        colCost: [...model.objective],
        colLower: new Array<number>(n).fill(0),
        colUpper: new Array<number>(n).fill(1),
        rowLower: rows.lower,
        rowUpper: rows.upper,
        matrix: { format: 'csr', numRows: model.rows.length, numCols: n, starts: rows.starts, indices: rows.indices, values: rows.values },
        integrality: new Array(n).fill(highs.constants.variableType.integer),
      });
      try {
        m.options.set({ output_flag: false, time_limit: options.timeLimitS, mip_rel_gap: options.relGap });
        m.run();
        const code = m.getModelStatus();
        const hasSolution = Number(m.info.get('primal_solution_status')) === 2;
        const gap = hasSolution ? Number(m.info.get('mip_gap')) : undefined;
        const status: MipStatus =
          code === k.optimal ? (gap !== undefined && gap > 1e-9 ? 'gap-reached' : 'optimal') : code === k.infeasible ? 'infeasible' : code === k.timeLimit ? 'time-limit' : 'failed';
        if (!hasSolution) return { status: status === 'optimal' ? 'failed' : status, message: `HiGHS model status ${code}` };
        const x = m.getSolution().colValue;
        return { status, values: Array.from(x, (v) => (v > 0.5 ? 1 : 0)), objective: m.getObjectiveValue(), ...(gap !== undefined && Number.isFinite(gap) ? { gap } : {}) };
      } finally {
        m.dispose();
      }
    },
  };
}

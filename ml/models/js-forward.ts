/**
 * The forward pass of a conv-free `Net` in plain JavaScript, for the live path's tiny batches (one
 * window per asset): there a TF.js call costs more in per-op dispatch (~15 ops × tens of µs on wasm)
 * than the arithmetic itself. Same maths as `forward` in net.ts, in float32 weights, float64 sums.
 */
import type { NetSpec, NetWeights } from './net.ts';

/** Weights copied out of the variables once, as flat arrays. */
export type JsWeights = ReadonlyMap<string, Float32Array>;

/** Copies the weights out of TF.js (one dataSync per variable). */
export function jsWeights(w: NetWeights): JsWeights {
  return new Map([...w].map(([k, v]) => [k, v.dataSync() as Float32Array]));
}

/** Whether `jsForward` can run this spec. */
export function jsForwardSupports(spec: NetSpec): boolean {
  return spec.conv.length === 0;
}

function dense(inp: Float64Array, w: Float32Array, b: Float32Array, out: Float64Array, relu: boolean): void {
  const nIn = inp.length;
  const nOut = b.length;
  for (let o = 0; o < nOut; o++) out[o] = b[o]!;
  for (let i = 0; i < nIn; i++) {
    const v = inp[i]!;
    if (v === 0) continue;
    const row = i * nOut;
    for (let o = 0; o < nOut; o++) out[o] = out[o]! + v * w[row + o]!;
  }
  if (relu) for (let o = 0; o < nOut; o++) if (out[o]! < 0) out[o] = 0;
}

/** Raw outputs `n × spec.outputs` of windows `x` (row-major [n][steps][features]). */
export function jsForward(spec: NetSpec, w: JsWeights, x: Float32Array, n: number, condition?: Int32Array): Float32Array {
  const { steps: T, features: F } = spec;
  const m = spec.temporal ?? 0;
  const flat = (m > 0 ? m : T) * F;
  const widths = [flat + spec.conditions, ...spec.hidden, spec.outputs];
  const acts = widths.map((k) => new Float64Array(k));
  const out = new Float32Array(n * spec.outputs);
  const P = m > 0 ? w.get('temporal/kernel')! : undefined;
  for (let b = 0; b < n; b++) {
    const h0 = acts[0]!;
    h0.fill(0);
    const xo = b * T * F;
    if (P !== undefined) {
      // h[j·F + f] = Σ_t x[t, f] · P[t, j]
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < m; j++) {
          const p = P[t * m + j]!;
          for (let f = 0; f < F; f++) h0[j * F + f] = h0[j * F + f]! + x[xo + t * F + f]! * p;
        }
      }
    } else {
      for (let k = 0; k < flat; k++) h0[k] = x[xo + k]!;
    }
    if (spec.conditions > 0) h0[flat + (condition?.[b] ?? 0)] = 1;
    spec.hidden.forEach((_, i) => dense(acts[i]!, w.get(`dense${i}/kernel`)!, w.get(`dense${i}/bias`)!, acts[i + 1]!, i !== spec.linearHidden));
    const last = acts[acts.length - 1]!;
    dense(acts[acts.length - 2]!, w.get('out/kernel')!, w.get('out/bias')!, last, false);
    for (let o = 0; o < spec.outputs; o++) out[b * spec.outputs + o] = last[o]!;
  }
  return out;
}

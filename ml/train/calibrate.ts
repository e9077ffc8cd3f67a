/**
 * Temperature scaling: one scalar T per output dividing its logits, fitted on validation data by
 * minimising the negative log-likelihood (Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern
 * Neural Networks", ICML 2017). It keeps the ranking, so precision/recall at any rank are unchanged.
 */

function nll(logits: Float32Array, y: Float32Array, width: number, j: number, t: number): number {
  let s = 0;
  for (let i = j; i < logits.length; i += width) {
    const z = logits[i]! / t;
    // log(1+e^z) computed stably; NLL = softplus(z) - y·z
    const sp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    s += sp - y[i]! * z;
  }
  return s;
}

/** Per-output temperatures in [0.05, 20] minimising validation NLL (golden-section on log T). */
export function fitTemperatures(logits: Float32Array, y: Float32Array, width: number): number[] {
  const temps: number[] = [];
  const g = (Math.sqrt(5) - 1) / 2;
  for (let j = 0; j < width; j++) {
    let a = Math.log(0.05);
    let b = Math.log(20);
    for (let it = 0; it < 60; it++) {
      const c = b - g * (b - a);
      const d = a + g * (b - a);
      if (nll(logits, y, width, j, Math.exp(c)) < nll(logits, y, width, j, Math.exp(d))) b = d;
      else a = c;
    }
    temps.push(Math.exp((a + b) / 2));
  }
  return temps;
}

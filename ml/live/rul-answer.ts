/**
 * What a RUL model's raw answer means. Its training targets were clipped at a cap (ml/data/sim-dataset.ts
 * simRulWindows; C-MAPSS practice), so near the cap the model only knows "no visible wear": an MSE fit
 * averages the many capped labels with the few just below them, so healthy machines read a little
 * under the cap (19.7 h of a 20 h cap). Such an answer is censored: "at least the cap".
 */
import type { TargetCap } from '../models/net-model.ts';

/** A RUL answer in hours: a point estimate below the cap, or censored at it. */
export type RulAnswer =
  | { readonly kind: 'estimate'; readonly hours: number; readonly capH?: number }
  | { readonly kind: 'at-least'; readonly hours: number; readonly capH: number };

/** Margin when a model records a cap but no held-out error: a tenth of the cap. */
export const DEFAULT_CAP_MARGIN_FRACTION = 0.1;

/**
 * The answer a raw RUL output gives: censored at the cap when within the model's error of it.
 *
 * @example
 * rulAnswer(19.7, { value: 20, margin: 1.2 }); // { kind: 'at-least', hours: 20, capH: 20 }
 * rulAnswer(6.5, { value: 20, margin: 1.2 });  // { kind: 'estimate', hours: 6.5, capH: 20 }
 */
export function rulAnswer(rawH: number, cap: TargetCap | undefined): RulAnswer {
  const hours = Math.max(0, rawH);
  if (cap === undefined) return { kind: 'estimate', hours };
  if (hours >= cap.value - cap.margin) return { kind: 'at-least', hours: cap.value, capH: cap.value };
  return { kind: 'estimate', hours, capH: cap.value };
}

/**
 * The cap a model was trained with: its cap and held-out MAE as the margin (never below 5 % of the
 * cap, so a lucky test part does not make the bound razor-thin); no finite MAE: a tenth of the cap.
 */
export function targetCapOf(capValue: number, heldOutMae: number | undefined): TargetCap {
  const margin = heldOutMae !== undefined && Number.isFinite(heldOutMae) ? Math.max(heldOutMae, 0.05 * capValue) : DEFAULT_CAP_MARGIN_FRACTION * capValue;
  return { value: capValue, margin };
}

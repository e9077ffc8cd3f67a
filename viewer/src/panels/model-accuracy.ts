import type { ModelIndexView, TrainingJobView } from '../../../protocol/models.ts';
import { duration } from '../util/format.ts';

/** Tasks whose quality is a held-out ROC-AUC (binary classifiers); RUL is a regression (rmse), not comparable. */
export const AUC_TASKS: readonly string[] = ['failure', 'anomaly', 'defects'];

/** Mean held-out ROC-AUC of the champions in service, and how many models it covers. */
export interface ModelAccuracy {
  readonly meanAuc: number;
  readonly models: number;
}

/**
 * The held-out quality of the models in service: the mean ROC-AUC of each failure, anomaly and
 * defects champion (the version in service, not the newest: a challenger is not yet predicting).
 * Null when no such champion reports a ROC-AUC. Champions without the metric (a model trained on data
 * with one class only) are left out rather than counted as 0.
 */
export function servedAccuracy(registry: readonly ModelIndexView[]): ModelAccuracy | null {
  const aucs: number[] = [];
  for (const idx of registry) {
    if (!AUC_TASKS.includes(idx.task) || idx.champion === undefined) continue;
    const auc = idx.versions.find((v) => v.version === idx.champion)?.metrics['roc_auc'];
    if (typeof auc === 'number' && Number.isFinite(auc)) aucs.push(auc);
  }
  if (aucs.length === 0) return null;
  return { meanAuc: aucs.reduce((a, b) => a + b, 0) / aucs.length, models: aucs.length };
}

/** Fraction of a running job done (0…1), null without progress yet. */
export function trainingFraction(job: TrainingJobView | null): number | null {
  const p = job?.progress;
  return p && p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : null;
}

/**
 * One line about a running training job ("Training 3/12 · ~4 min 10 s left · pump/failure: epoch 4"),
 * or about the last one if it failed; nothing once a job has ended well.
 */
export function trainingText(job: TrainingJobView | null): string | null {
  if (job?.state === 'failed') return `Training failed: ${job.error ?? 'see the server log'}`;
  if (!job || job.state !== 'running') return null;
  const p = job.progress;
  if (!p) return 'Training starting…';
  const eta = p.etaS !== null && Number.isFinite(p.etaS) ? ` · ~${duration(p.etaS)} left` : '';
  return `Training ${p.done}/${p.total}${eta}${p.message ? ` · ${p.message}` : ''}`;
}

/** Card colour of a mean ROC-AUC: useful from 0.8, weak from 0.65, near chance below. */
export function aucBand(auc: number | null): 'good' | 'warn' | 'bad' | 'none' {
  if (auc === null) return 'none';
  return auc >= 0.8 ? 'good' : auc >= 0.65 ? 'warn' : 'bad';
}

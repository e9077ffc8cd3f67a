import { describe, expect, it } from 'vitest';
import type { ModelIndexView, TrainingJobView } from '../../../protocol/models.ts';
import { aucBand, servedAccuracy, trainingFraction, trainingText } from './model-accuracy.ts';

const index = (task: string, kind: string, champion: string | undefined, versions: Record<string, Record<string, number>>): ModelIndexView => ({
  task,
  kind,
  ...(champion ? { champion } : {}),
  versions: Object.entries(versions).map(([version, metrics]) => ({ version, name: `${kind}-${task}`, task, kind, created: '2024-03-14T00:00:00.000Z', datasetFingerprint: 'test', hyperparameters: {}, metrics })),
  previousChampions: [],
});

describe('prediction accuracy of the models in service', () => {
  it('is the mean held-out ROC-AUC of the failure, anomaly and defects champions, with how many models', () => {
    const registry = [
      index('failure', 'pump', 'v1', { v1: { roc_auc: 0.9, f1: 0.5 } }),
      index('anomaly', 'pump', 'v1', { v1: { roc_auc: 0.7 } }),
      index('defects', 'line', 'v1', { v1: { roc_auc: 0.8 } }),
    ];
    const a = servedAccuracy(registry)!;
    expect(a.models).toBe(3);
    expect(a.meanAuc).toBeCloseTo(0.8, 10);
  });

  it("scores the champion, not a newer challenger that is not predicting yet", () => {
    const registry = [{ ...index('failure', 'fan', 'v1', { v1: { roc_auc: 0.75 }, v2: { roc_auc: 0.99 } }), challenger: 'v2' }];
    expect(servedAccuracy(registry)).toEqual({ meanAuc: 0.75, models: 1 });
  });

  it('leaves out RUL (a regression scored by rmse), indexes without a champion and champions without a ROC-AUC', () => {
    const registry = [
      index('rul', 'pump', 'v1', { v1: { rmse: 12 } }),
      index('failure', 'cnc', undefined, { v1: { roc_auc: 0.6 } }),
      index('defects', 'line', 'v1', { v1: { f1: 0.4 } }),
      index('failure', 'pump', 'v1', { v1: { roc_auc: 0.85 } }),
    ];
    expect(servedAccuracy(registry)).toEqual({ meanAuc: 0.85, models: 1 });
  });

  it('is null with no model in service', () => {
    expect(servedAccuracy([])).toBeNull();
    expect(servedAccuracy([index('rul', 'pump', 'v1', { v1: { rmse: 3 } })])).toBeNull();
  });

  it('is green from 0.8, yellow from 0.65, red nearer chance, grey without models', () => {
    expect([aucBand(0.8), aucBand(0.7), aucBand(0.55), aucBand(null)]).toEqual(['good', 'warn', 'bad', 'none']);
  });
});

describe('training progress', () => {
  const job = (p: Partial<TrainingJobView> = {}): TrainingJobView => ({ id: 'job-1', reason: 'bootstrap', requestedBy: 'server', startedAt: '2024-03-14T00:00:00.000Z', state: 'running', progress: { done: 3, total: 12, message: 'pump/failure: epoch 4', etaS: 250 }, ...p });

  it('says how many models are done, the time left and what is training now', () => {
    expect(trainingText(job())).toBe('Training 3/12 · ~4 min 10 s left · pump/failure: epoch 4');
    expect(trainingFraction(job())).toBe(0.25);
  });

  it('has no time left before the first model started, and says it is starting before any progress', () => {
    expect(trainingText(job({ progress: { done: 0, total: 12, message: '', etaS: null } }))).toBe('Training 0/12');
    expect(trainingText(job({ progress: null }))).toBe('Training starting…');
    expect(trainingFraction(job({ progress: null }))).toBeNull();
  });

  it('says nothing once the job has ended well or when there is none', () => {
    expect(trainingText(job({ state: 'done' }))).toBeNull();
    expect(trainingText(job({ state: 'cancelled' }))).toBeNull();
    expect(trainingText(null)).toBeNull();
  });

  it('says that the last job failed, and why', () => {
    expect(trainingText(job({ state: 'failed', error: 'training worker exited with code 1' }))).toBe('Training failed: training worker exited with code 1');
  });
});

import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import { LIVE_HORIZON_H } from '../../ml/bootstrap/live-data.ts';
import type { LivePredictor } from '../../ml/live/live-predictor.ts';
import type { AssetPrediction } from '../../ml/live/live-types.ts';
import type { PredictionData } from '../../protocol/ws.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { PredictionReport } from '../../monitor/alerts/model-rules.ts';
import type { PredictionStore } from '../store/model-store.ts';
import type { WsHub } from '../ws/hub.ts';

/** Where predictions go; every part is optional so tests can watch one at a time. */
export interface PredictionSinks {
  readonly hub?: WsHub | null;
  readonly store?: PredictionStore | null;
  /**
   * Every asset's predictions go to the alert engine, whose rules (in the alert settings) decide what
   * raises; its changes$ publishes the alerts.
   */
  readonly alerts?: Pick<AlertEngine, 'reportPrediction'> | null;
  readonly log?: (msg: string) => void;
  /** The failure-risk models' horizon (default: the bootstrap trainer's), for the alerts' messages. */
  readonly models?: { readonly failureHorizonH?: number };
}

/**
 * Runs live inference on the twin's frames: the predictor batches all assets of a kind in one call
 * on its sample ticks; each new set of predictions goes to the `predictions` channel (one message
 * per asset, so asset filters apply), to history, and to the alert engine (which alone decides what raises).
 */
export class PredictionsFeed {
  private readonly sub: Subscription;
  private lastTS = Number.NaN;
  private persist: Promise<void> = Promise.resolve();
  /** Prediction sets published since start. */
  published = 0;

  constructor(
    private readonly engine: TwinEngine,
    readonly predictor: LivePredictor,
    private readonly sinks: PredictionSinks = {},
  ) {
    this.sub = engine.frames$.subscribe((f) => {
      const preds = predictor.onFrame(f);
      const first = preds.values().next().value as AssetPrediction | undefined;
      if (first === undefined || first.tS === this.lastTS) return;
      this.lastTS = first.tS;
      this.publish(preds);
    });
  }

  /** The latest prediction of every asset as on the wire (status only where no model is ready). */
  latest(): PredictionData[] {
    return [...this.predictor.current().values()].map(toPredictionData);
  }

  /** Publishes the predictor's current output at once (after a model was attached or replaced). */
  refresh(): void {
    this.publish(this.predictor.predictNow());
  }

  private publish(preds: ReadonlyMap<string, AssetPrediction>): void {
    const { hub, store, alerts, log } = this.sinks;
    this.published++;
    for (const p of preds.values()) {
      const tMs = this.engine.startMs + p.tS * 1000;
      const tIso = new Date(tMs).toISOString();
      const data = toPredictionData(p);
      hub?.publish('predictions', tIso, data, [p.asset]);
      alerts?.reportPrediction(this.toReport(p, tIso));
      if (store && (p.rul || p.failureProbability || p.anomaly || p.defects)) {
        const payload = JSON.parse(JSON.stringify(data)) as unknown;
        this.persist = this.persist.then(() =>
          store.insertPrediction({ tMs, asset: p.asset, model: p.kind, payload }).then(
            () => undefined,
            (err: unknown) => log?.(`prediction write failed: ${(err as Error).message}`),
          ),
        );
      }
    }
  }

  private toReport(p: AssetPrediction, tIso: string): PredictionReport {
    const m = this.sinks.models ?? {};
    const features = (e: { readonly explanation: readonly { readonly feature: string }[] }) => e.explanation.map((c) => c.feature);
    return {
      asset: p.asset,
      tIso,
      ...(p.failureProbability && { failureRisk: { probability: p.failureProbability.value, horizonH: m.failureHorizonH ?? LIVE_HORIZON_H.failure!, contributors: features(p.failureProbability) } }),
      ...(p.rul && { rul: { hours: p.rul.hours, censored: p.rul.kind === 'at-least', contributors: features(p.rul) } }),
      ...(p.anomaly && { anomaly: { score: p.anomaly.score, contributors: p.anomaly.topSensors.map((c) => c.feature) } }),
    };
  }

  /** Stops listening and waits for pending writes. */
  async close(): Promise<void> {
    this.sub.unsubscribe();
    await this.persist;
  }
}

/** The wire shape of one asset's predictions: ml/ gives RUL in hours, censored at its model's cap; the wire says the unit. */
export function toPredictionData(p: AssetPrediction): PredictionData {
  const { rul, ...rest } = p;
  return rul ? { ...rest, rul: { ...rul, unit: 'h' } } : rest;
}

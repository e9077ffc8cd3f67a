import { describe, expect, it } from 'vitest';
import { AlertEngine } from './alert-engine.ts';
import { fieldOf, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';
import type { PredictionReport } from './model-rules.ts';

const engine = (settings?: unknown) => new AlertEngine({ sensors: SENSORS, startMs: START_MS, ...(settings ? { settings } : {}) });
/** Simulated time `tS` seconds after the scenario start. */
const at = (tS: number) => new Date(START_MS + tS * 1000).toISOString();
/** One report per live sample tick (600 s), from 1,200 s (past the 600 s warm-up). */
const tick = (i: number) => at(1200 + 600 * i);

const risk = (probability: number, tIso: string): PredictionReport => ({ asset: 'cnc_001', tIso, failureRisk: { probability, horizonH: 24, contributors: ['spindle_vibration'] } });
const rul = (hours: number, tIso: string): PredictionReport => ({ asset: 'cnc_001', tIso, rul: { hours, censored: false, contributors: ['tool_wear'] } });
/** The model's "at least 20 h" (its training cap): no failure in sight. */
const atCap = (tIso: string): PredictionReport => ({ asset: 'cnc_001', tIso, rul: { hours: 20, censored: true, contributors: [] } });
const anomaly = (score: number, tIso: string, asset = 'pump_003'): PredictionReport => ({ asset, tIso, anomaly: { score, contributors: ['vibration_rms'] } });

/** Feeds reports one tick apart; returns the change kinds (without `updated`) and the engine. */
function run(reports: readonly ((tIso: string) => PredictionReport)[], settings?: unknown) {
  const a = engine(settings);
  const changes = reports.flatMap((r, i) => [...a.reportPrediction(r(tick(i)))]);
  return { a, kinds: kinds(changes), changes };
}
const risks = (...ps: number[]) => ps.map((p) => (t: string) => risk(p, t));
const ruls = (...hs: number[]) => hs.map((h) => (t: string) => rul(h, t));

describe('predicted failure risk', () => {
  it('raises a MEDIUM alert once the risk has stayed at or above 70 % for the 600 s lead time, not before', () => {
    expect(run(risks(0.87)).kinds).toEqual([]);
    const { kinds: k, changes, a } = run(risks(0.87, 0.87));
    expect(k).toEqual(['opened']);
    expect(changes[0]!.alert).toMatchObject({
      rule: 'predicted_failure',
      asset: 'cnc_001',
      severity: 'MEDIUM',
      value: 0.87,
      threshold: 0.7,
      direction: 'above',
      openedAt: tick(1),
      contributors: ['spindle_vibration'],
      message: 'cnc_001 failure risk 87 % within 24 h, alert at 70 %',
    });
    expect(a.open().map((x) => x.rule)).toEqual(['predicted_failure']);
  });

  it('a risk that dips below the raise limit restarts the lead time', () => {
    expect(run(risks(0.8, 0.6, 0.8)).kinds).toEqual([]);
  });

  it('does not flap around the raise limit: one alert while the risk stays above the clear limit', () => {
    expect(run(risks(0.72, 0.75, 0.69, 0.71, 0.55, 0.74, 0.68)).kinds).toEqual(['opened']);
  });

  it('clears below the 50 % clear limit', () => {
    const { kinds: k, changes } = run(risks(0.8, 0.8, 0.49));
    expect(k).toEqual(['opened', 'cleared']);
    expect(changes.at(-1)!.alert.clearedAt).toBe(tick(2));
  });

  it('escalates the same alert to CRITICAL at 90 %', () => {
    const { kinds: k, a } = run(risks(0.8, 0.8, 0.93));
    expect(k).toEqual(['opened', 'escalated']);
    expect(a.list()).toHaveLength(1);
    expect(a.list()[0]).toMatchObject({ severity: 'CRITICAL', threshold: 0.9, value: 0.93 });
  });

  it('opens straight at CRITICAL when the risk is already above 90 % after the lead time', () => {
    expect(run(risks(0.95, 0.97)).changes[0]!.alert.severity).toBe('CRITICAL');
  });

  it('takes its limits, lead time and severities from the settings', () => {
    const settings = { failureRisk: { raiseAbove: 0.5, clearBelow: 0.3, leadTimeS: 0, severity: 'HIGH' } };
    expect(run(risks(0.55), settings).changes.map((c) => [c.kind, c.alert.severity])).toEqual([['opened', 'HIGH']]);
  });

  it('raises nothing for predictions made during the warm-up after the scenario start', () => {
    const a = engine({ failureRisk: { leadTimeS: 0 } });
    expect(a.reportPrediction(risk(0.99, at(1)))).toEqual([]);
    expect(kinds(a.reportPrediction(risk(0.99, at(601))))).toEqual(['opened']);
  });
});

describe('low remaining useful life', () => {
  it('raises below 24 h after the lead time, saying when the failure is expected', () => {
    const { kinds: k, changes } = run(ruls(9.2, 9.2), undefined);
    expect(k).toEqual(['opened']);
    expect(changes[0]!.alert).toMatchObject({ rule: 'low_rul', severity: 'MEDIUM', unit: 'h', direction: 'below', threshold: 24, message: 'cnc_001 predicted failure in about 9 h (RUL 9.2 h, alert below 24 h)' });
  });

  it('a RUL at its model cap is censored: it never counts as low, whatever the threshold', () => {
    // The bootstrap RUL models are trained on a 20 h cap, under the 24 h default threshold.
    expect(run([atCap, atCap, atCap, atCap]).kinds).toEqual([]);
    expect(run(ruls(17, 17)).kinds).toEqual(['opened']);
  });

  it('clears only above 30 h, or when the prediction goes back to the cap (after maintenance)', () => {
    expect(run(ruls(12, 12, 26, 28, 31)).kinds).toEqual(['opened', 'cleared']);
    expect(run([...ruls(12, 12), atCap]).kinds).toEqual(['opened', 'cleared']);
  });

  it('escalates to CRITICAL below 8 h', () => {
    const { changes } = run(ruls(12, 12, 0.5));
    expect(changes.map((c) => [c.kind, c.alert.severity])).toEqual([['opened', 'MEDIUM'], ['escalated', 'CRITICAL']]);
    expect(changes[1]!.alert.message).toBe('cnc_001 predicted failure in about 30 min (RUL 0.5 h, alert below 8 h)');
  });
});

describe('anomaly score', () => {
  it.each([3.4, 19, 234])('a score of %d (the model threshold is 1) raises after the lead time', (score) => {
    const a = engine();
    const changes = [tick(0), tick(1)].flatMap((t) => [...a.reportPrediction(anomaly(score, t))]);
    expect(changes.map((c) => [c.kind, c.alert.rule, c.alert.severity])).toEqual([['opened', 'anomaly', 'HIGH']]); // ≥ 2: escalated severity
  });

  it('raises MEDIUM between the raise and escalation limits, and clears after clearReports reports below 0.8', () => {
    const scores = [1.4, 1.5, 0.9, 0.7, 0.7, 0.7];
    const a = engine();
    const changes = scores.flatMap((s, i) => [...a.reportPrediction(anomaly(s, tick(i)))]);
    expect(changes.filter((c) => c.kind !== 'updated').map((c) => [c.kind, c.alert.severity])).toEqual([['opened', 'MEDIUM'], ['cleared', 'MEDIUM']]);
    expect(changes.at(-1)!.alert.clearedAt).toBe(tick(5));
  });

  it('raises per the settings: a raise limit of 20 lets 3.4 and 19 pass and raises 234', () => {
    const settings = { anomaly: { raiseAbove: 20, escalateAbove: 100, clearBelow: 10 } };
    const a = engine(settings);
    for (const [asset, score] of [['pump_001', 3.4], ['pump_002', 19], ['pump_003', 234]] as const) {
      a.reportPrediction(anomaly(score, tick(0), asset));
      a.reportPrediction(anomaly(score, tick(1), asset));
    }
    expect(a.open().map((x) => [x.asset, x.value])).toEqual([['pump_003', 234]]);
  });
});

describe('model rule settings', () => {

  it('name the offending field', () => {
    expect(fieldOf({ failureRisk: { raiseAbove: 1.5 } })).toBe('failureRisk.raiseAbove');
    expect(fieldOf({ failureRisk: { clearBelow: 0.8 } })).toBe('failureRisk.clearBelow');
    expect(fieldOf({ rul: { raiseBelowH: 'soon' } })).toBe('rul.raiseBelowH');
    expect(fieldOf({ rul: { clearAboveH: 10 } })).toBe('rul.clearAboveH');
    expect(fieldOf({ anomaly: { leadTimeS: -1 } })).toBe('anomaly.leadTimeS');
    expect(fieldOf({ anomaly: { severity: 'HIGH', escalatedSeverity: 'LOW' } })).toBe('anomaly.escalatedSeverity');
    expect(fieldOf({ predictionWarmupS: -5 })).toBe('predictionWarmupS');
    expect(fieldOf({ failureRisk: { lead: 5 } })).toBe('failureRisk.lead');
  });

  it('apply from the next report when the engine is reconfigured', () => {
    const a = engine();
    a.configure({ failureRisk: { leadTimeS: 0 } });
    expect(kinds(a.reportPrediction(risk(0.8, tick(0))))).toEqual(['opened']);
  });
});

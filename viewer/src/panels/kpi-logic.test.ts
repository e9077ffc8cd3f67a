// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { KpiSnapshot } from '../../../protocol/kpis.ts';
import { defectsKpi, productionBand, productionKpi, qualityBand, responseTimeS, trend, unacknowledgedCritical } from './kpi-logic.ts';

const alert = (p: Partial<AlertView>): AlertView => ({ id: 'A', severity: 'CRITICAL', state: 'active', acknowledgedBy: null, acknowledgedAt: null, dismissedAt: null, openedAt: '2024-03-14T00:00:00.000Z', ...p }) as AlertView;

describe('quality rate colour', () => {
  it('is green above 95 %, yellow from 85 % to 95 %, red below 85 %, and grey without data', () => {
    expect(qualityBand(0.951)).toBe('good');
    expect(qualityBand(0.95)).toBe('warn');
    expect(qualityBand(0.85)).toBe('warn');
    expect(qualityBand(0.849)).toBe('bad');
    expect(qualityBand(null)).toBe('none');
  });
});

describe('production rate against target', () => {
  it('is on target from 98 %, yellow from 85 %, red below', () => {
    expect(productionBand(900, 900)).toBe('good');
    expect(productionBand(800, 900)).toBe('warn');
    expect(productionBand(700, 900)).toBe('bad');
    expect(productionBand(10, 0)).toBe('none');
  });

  it('adds the lines’ rates and targets', () => {
    const k = { lines: [{ shift: { productionRatePerH: 880, targetRatePerH: 900 } }, { shift: { productionRatePerH: 910, targetRatePerH: 900 } }] } as unknown as KpiSnapshot;
    expect(productionKpi(k)).toEqual({ ratePerH: 1790, targetPerH: 1800 });
  });
});

describe('defects trend', () => {
  it('compares defect rates, ignoring changes within ±5 %', () => {
    expect(trend(110, 100)).toBe('up');
    expect(trend(104, 100)).toBe('flat');
    expect(trend(90, 100)).toBe('down');
    expect(trend(1, 0)).toBe('up');
    expect(trend(5, null)).toBeNull();
  });

  it('has no trend before the first shift change', () => {
    const k = { plant: { shift: { defects: 4, units: 100, defectRatePer1000: 40 }, previousShift: null } } as unknown as KpiSnapshot;
    expect(defectsKpi(k)).toEqual({ defects: 4, ratePer1000: 40, trend: null });
  });
});

describe('alert KPIs', () => {
  it('counts only critical alerts that are active and unacknowledged', () => {
    const alerts = {
      a: alert({ id: 'a' }),
      b: alert({ id: 'b', severity: 'HIGH' }),
      c: alert({ id: 'c', state: 'acknowledged', acknowledgedBy: 'op' }),
      d: alert({ id: 'd', state: 'cleared' }),
    };
    expect(unacknowledgedCritical(alerts)).toBe(1);
  });

  it('gives the median time from opening to acknowledge or dismiss, null when nothing was acted on', () => {
    expect(responseTimeS({ a: alert({}) })).toBeNull();
    const acted = {
      a: alert({ acknowledgedAt: '2024-03-14T00:01:00.000Z' }),
      b: alert({ dismissedAt: '2024-03-14T00:03:00.000Z' }),
      c: alert({ acknowledgedAt: '2024-03-14T05:00:00.000Z' }),
    };
    expect(responseTimeS(acted)).toBe(180);
  });
});

import { describe, expect, it } from 'vitest';
import type { KgIntervention, RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { evidenceChart, evidenceHistoryUrl, evidenceLine, evidenceSensors, feedbackFor, interventionLine, mayGiveFeedback, pathLine, percent, seriesPoints, verdictNote, whatIfPrefill } from './rca-logic.ts';

const lower: KgIntervention = {
  id: 'intervention:Line_A.lower_furnace_temp', label: 'lower the furnace temperature by 20-30 °C', setpoint: 'Line_A.furnace_temp', unit: '°C',
  delta_min: -30, delta_max: -20, relative: false, current_value: 1500, target_min: 1470, target_max: 1480, target_value: 1475,
  expected_effect: -0.4, time_to_effect_min_s: 1200, time_to_effect_max_s: 2400, what_if: { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1475 }], horizon: '4h' },
};
const furnace: RcaCauseWire = {
  root_cause_id: 'variable:Line_A.furnace_temp', kind: 'process', parameter_name: 'furnace_temp', label: 'Line_A melt temperature', deviation_magnitude: 14.2, confidence: 0.81,
  evidence: { onset_time: '2024-03-14T06:12:00.000Z', sensors: [{ sensor: 'Line_A.furnace.zone1_temp', sigma: 12, samples: 60 }, { sensor: 'Line_A.furnace.zone2_temp', sigma: 14, samples: 60 }], samples: 120, path: ['CAUSES:variable:Line_A.furnace_temp->defect:crack'], prior: 0.85 },
  recommended_action: 'lower the furnace temperature by 20-30 °C', interventions: [lower],
};
const instrument: RcaCauseWire = { ...furnace, root_cause_id: 'instrument:Line_A.furnace.zone2_temp', kind: 'instrument', parameter_name: 'Line_A.furnace.zone2_temp', evidence: { ...furnace.evidence, path: [] }, interventions: [] };
const answer = (alertId: string | null): RootCauseAnswer => ({
  symptom: { kind: 'defect', id: 'defect:crack', asset: 'Line_A', defect_type: 'crack', sensor: null, direction: null, alert_id: alertId },
  timestamp: '2024-03-14T09:30:00.000Z', window: { from: '2024-03-14T03:30:00.000Z', to: '2024-03-14T09:30:00.000Z' }, min_confidence: 0, causes: [furnace], failure_modes: [], diagnosis: '',
});

describe('the root-cause card', () => {
  it('says each cause with its probability, deviation, onset, sensors and path', () => {
    expect(percent(0.814)).toBe('81 %');
    expect(evidenceLine(furnace)).toBe('14.2 σ from 06:12 · 2 sensors · 1 step from the symptom');
    expect(pathLine(furnace)).toBe('Line_A.furnace_temp → crack');
    expect(pathLine(instrument)).toBeNull();
  });

  it('gives an intervention its concrete targets, expected effect and time to effect', () => {
    expect(interventionLine(lower)).toBe('lower the furnace temperature by 20-30 °C: 1,500 → 1,470-1,480 °C, −40 % expected in 20 min 0 s-40 min 0 s');
  });

  it('offers confirm and reject only for a process cause that ends at the symptom', () => {
    expect(mayGiveFeedback(furnace)).toBe(true);
    expect(mayGiveFeedback(instrument)).toBe(false);
    expect(mayGiveFeedback({ ...furnace, evidence: { ...furnace.evidence, path: ['CAUSES:variable:Line_A.gob_temp->variable:Line_A.mold_temp'] } })).toBe(false);
  });

  it('offers them for a sensor alert when the cause’s path ends at the variable the sensor measures, not for the sensor’s own variable', () => {
    const upstream = { ...furnace, evidence: { ...furnace.evidence, path: ['CAUSES:variable:Line_A.furnace_temp->variable:Line_A.gob_temp'] } };
    expect(mayGiveFeedback(upstream, 'sensor')).toBe(true);
    expect(mayGiveFeedback(upstream, 'defect')).toBe(false);
    expect(mayGiveFeedback({ ...furnace, evidence: { ...furnace.evidence, path: [] } }, 'sensor')).toBe(false);
    const gobAlert: RootCauseAnswer = { ...answer('ALT-9'), symptom: { kind: 'sensor', id: 'sensor:Line_A.forming.gob_temp', asset: 'Line_A', defect_type: null, sensor: 'Line_A.forming.gob_temp', direction: 'above', alert_id: 'ALT-9' } };
    expect(feedbackFor(gobAlert, upstream, 'confirmed')).toMatchObject({ incident_id: 'ALT-9', symptom: 'variable:Line_A.gob_temp', cause: 'variable:Line_A.furnace_temp', path: upstream.evidence.path, label: 'Line_A Line_A.forming.gob_temp at 2024-03-14T09:30:00.000Z' });
  });

  it('says what a verdict moved: the cause’s first edge and its new confidence', () => {
    expect(verdictNote('confirmed', [{ id: 'CAUSES:variable:Line_A.furnace_temp->variable:Line_A.gob_temp', confidence: 0.9091 }])).toEqual({ text: 'Confirmed: the graph now gives Line_A.furnace_temp → Line_A.gob_temp 91 %', confidence: 0.9091 });
    expect(verdictNote('rejected', [])).toEqual({ text: 'Rejected', confidence: null });
  });

  it('charts the most deviating sensors over the analysed window, one bucket a minute, with the onset marked', () => {
    expect(evidenceSensors(furnace)).toEqual(['Line_A.furnace.zone2_temp', 'Line_A.furnace.zone1_temp']);
    expect(evidenceSensors(furnace, 1)).toEqual(['Line_A.furnace.zone2_temp']);
    expect(evidenceHistoryUrl(answer(null), evidenceSensors(furnace))).toBe('/api/plant/history?sensors=Line_A.furnace.zone2_temp%2CLine_A.furnace.zone1_temp&from=2024-03-14T03:30:00.000Z&to=2024-03-14T09:30:00.000Z&maxPoints=360');
    expect(evidenceHistoryUrl(answer(null), [])).toBeNull();
    expect(seriesPoints({ sensorId: 's', kind: 'buckets', bucketMs: 60_000, buckets: [{ tMs: 0, min: 1, max: 3, avg: 2, count: 6 }, { tMs: 60_000, min: null, max: null, avg: null, count: 0 }] })).toEqual([{ tMs: 30_000, v: 2 }]);
    expect(seriesPoints({ sensorId: 's', kind: 'raw', samples: [{ tMs: 5, sensorId: 's', value: 7, status: 0 }] })).toEqual([{ tMs: 5, v: 7 }]);
    const c = evidenceChart([{ tMs: 0, v: 10 }, { tMs: 50, v: 20 }, { tMs: 100, v: 30 }], 0, 100, 50, 200, 40)!;
    expect(c).toEqual({ d: 'M0.0,38.0 L100.0,20.0 L200.0,2.0', onsetX: 100, min: 10, max: 30 });
    expect(evidenceChart([{ tMs: 0, v: 1 }, { tMs: 1, v: 1 }], 0, 100, 500, 200, 40)!.onsetX).toBeNull();
    expect(evidenceChart([{ tMs: 0, v: 1 }], 0, 100, null, 200, 40)).toBeNull();
  });

  it('sends the alert as the incident, the path the analysis gave and the deviation behind it', () => {
    expect(feedbackFor(answer('ALT-7'), furnace, 'confirmed')).toEqual({
      incident_id: 'ALT-7', symptom: 'defect:crack', cause: 'variable:Line_A.furnace_temp', verdict: 'confirmed',
      path: ['CAUSES:variable:Line_A.furnace_temp->defect:crack'], label: 'Line_A crack at 2024-03-14T09:30:00.000Z',
      deviations: [{ variable: 'variable:Line_A.furnace_temp', sigma: 14.2, onset: '2024-03-14T06:12:00.000Z' }],
    });
    expect(feedbackFor(answer(null), furnace, 'rejected').incident_id).toBe('Line_A:defect:crack:2024-03-14T09:30:00.000Z');
  });

  it('opens the what-if on the intervention’s asset with the setpoint at its target', () => {
    expect(whatIfPrefill(lower)).toEqual({ asset: 'Line_A', values: { 'Line_A.furnace_temp': 1475 } });
    expect(whatIfPrefill({ ...lower, setpoint: null })).toBeNull();
  });
});

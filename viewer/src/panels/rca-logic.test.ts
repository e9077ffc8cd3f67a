import { describe, expect, it } from 'vitest';
import type { KgIntervention, RcaCauseWire, RootCauseAnswer } from '../../../protocol/knowledge.ts';
import { evidenceLine, feedbackFor, interventionLine, mayGiveFeedback, pathLine, percent, whatIfPrefill } from './rca-logic.ts';

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

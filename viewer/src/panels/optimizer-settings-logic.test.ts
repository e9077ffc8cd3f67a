import { describe, expect, it } from 'vitest';
import type { OptimizerSettings } from '../../../protocol/recommendation.ts';
import { draftOf, settingsFromDraft } from './optimizer-settings-logic.ts';

const base: OptimizerSettings = { enabled: true, modes: {}, weights: { defectRate: 10, productionRate: 0.1, energy: 0.01, safetyViolation: 100 }, cadenceS: 600, validityS: 900, rollback: { windowS: 1800, worseningPct: 20, minUnits: 50 } };

describe('the optimizer settings form', () => {
  it('shows times in minutes and sends them in seconds, with the mode chosen per line', () => {
    const d = draftOf(base);
    expect([d.cadenceMin, d.validityMin, d.windowMin, d.worseningPct]).toEqual(['10', '15', '30', '20']);
    expect(settingsFromDraft({ ...d, cadenceMin: '5', validityMin: '60', modes: { Line_A: 'semi-auto' } }, base)).toEqual({ settings: { ...base, cadenceS: 300, validityS: 3600, modes: { Line_A: 'semi-auto' } } });
  });

  it('names the first field that is wrong and sends nothing', () => {
    const d = draftOf(base);
    expect(settingsFromDraft({ ...d, windowMin: '' }, base)).toEqual({ problem: 'rollback window (min): a number from 1 to 1440' });
    expect(settingsFromDraft({ ...d, weights: { ...d.weights, energy: 'x' } }, base)).toEqual({ problem: 'weight energy: a number from 0 to 1000000' });
    expect(settingsFromDraft({ ...d, worseningPct: '0.5' }, base)).toEqual({ problem: 'roll back above (+%): a number from 1 to 1000' });
  });

  it('keeps what the form does not edit (the least units the rollback rule judges)', () => {
    const out = settingsFromDraft({ ...draftOf(base), enabled: false }, { ...base, rollback: { ...base.rollback, minUnits: 80 } });
    expect('settings' in out && out.settings.rollback.minUnits).toBe(80);
    expect('settings' in out && out.settings.enabled).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { ShadowSensorState, ShadowState } from '../monitor/shadow/shadow-view.ts';
import { shadowTrust } from './shadow-trust.ts';

let n = 0;
const sensor = (asset: string, within2Sigma: number | null, tracked = true) => ({ sensor_id: `${asset}.s${++n}`, asset, tracked, within2Sigma }) as unknown as ShadowSensorState;
const state = (sensors: ShadowSensorState[], flaggedAssets: ShadowState['flaggedAssets'] = []) => ({ sensors, flaggedAssets }) as unknown as ShadowState;

describe('shadow trust of the assets a proposal touches', () => {
  it('trusts an asset whose tracked sensors mostly fall within 2σ, averaging only that asset’s sensors', () => {
    const t = shadowTrust(state([sensor('Line_A', 0.95), sensor('Line_A', 0.91), sensor('Line_B', 0.1)]), ['Line_A']);
    expect(t.trackingAccuracy).toBeCloseTo(0.93, 12);
    expect(t).toMatchObject({ flagged: [], trusted: true });
  });

  it('does not trust an asset that tracks badly, is flagged, or has no live measurement yet', () => {
    expect(shadowTrust(state([sensor('Line_A', 0.6)]), ['Line_A']).trusted).toBe(false);
    expect(shadowTrust(state([sensor('Line_A', 0.99)], [{ asset: 'Line_A', flag: 'model_drift', sensors: ['x'] }]), ['Line_A'])).toEqual({ trackingAccuracy: 0.99, flagged: [{ asset: 'Line_A', flag: 'model_drift' }], trusted: false });
    expect(shadowTrust(state([sensor('Line_A', null), sensor('Line_A', 0.99, false)]), ['Line_A'])).toEqual({ trackingAccuracy: null, flagged: [], trusted: false });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import { WsHub } from '../ws/hub.ts';
import { connectShadow } from './connect-shadow.ts';
import { EnginePlantSource } from './engine-plant-source.ts';

describe('connectShadow', () => {
  it('publishes each change of an asset\'s shadow flag as a state message for that asset', async () => {
    const twin = createEngine(loadLibraryScenario('glass-plant'));
    twin.runFor(600);
    const fault = { atS: 600, target: 'Line_B.annealing.lehr_exit_temp', type: 'sensor_bias', params: { offset: 8 } };
    const source = new EnginePlantSource(twin, { ambientOffsetC: 0, rawMaterialStdScale: 1, hiddenFaults: [fault] });
    const tracker = new ShadowTracker(twin.layout);
    const hub = new WsHub({ pingIntervalMs: 0 });
    const publish = vi.spyOn(hub, 'publish');
    const sub = connectShadow({ twin, source, tracker, hub });
    await source.start();
    twin.runFor(1800);
    sub.unsubscribe();
    hub.close();
    const flags = publish.mock.calls.filter(([channel, , data]) => channel === 'state' && (data as { kind: string }).kind === 'shadow_flag');
    expect(flags.map(([, , data, assets]) => [data, assets])).toContainEqual([
      { kind: 'shadow_flag', asset: 'Line_B', flag: 'equipment_issue', previous: 'none', sensors: ['Line_B.annealing.lehr_exit_temp'] },
      ['Line_B'],
    ]);
    // What was published adds up to what the tracker reports now.
    const last = new Map(flags.map(([, , data]) => [(data as unknown as { asset: string }).asset, (data as unknown as { flag: string }).flag]));
    for (const [asset, flag] of last) if (flag === 'none') last.delete(asset);
    expect(last).toEqual(new Map(tracker.state().flaggedAssets.map((a) => [a.asset, a.flag])));
  });
});

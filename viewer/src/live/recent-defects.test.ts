import { describe, expect, it } from 'vitest';
import type { DefectEvent } from '../../../protocol/plant-events.ts';
import { mergeDefects } from './recent-defects.ts';

const defect = (seq: number, tS: number, asset = 'Line_A'): DefectEvent => ({ seq, t: new Date(Date.UTC(2024, 2, 14) + tS * 1000).toISOString(), tS, asset, type: 'defect', unitId: seq, defect: 'bubble', xFrac: 0.5, yFrac: 0.5, severity: 0.3 });

describe('recent defects', () => {
  it('merges the live stream and the REST backfill without duplicates, oldest first', () => {
    const live = [defect(3, 30), defect(5, 50)];
    const backfill = [defect(5, 50), defect(1, 10), defect(3, 30)];
    expect(mergeDefects(live, backfill).map((d) => d.seq)).toEqual([1, 3, 5]);
  });

  it('tells apart equal seqs of different assets and keeps only the newest', () => {
    const merged = mergeDefects([], [defect(1, 10, 'Line_A'), defect(1, 11, 'Line_B'), defect(2, 20)], 2);
    expect(merged.map((d) => `${d.asset}:${d.seq}`)).toEqual(['Line_B:1', 'Line_A:2']);
  });
});

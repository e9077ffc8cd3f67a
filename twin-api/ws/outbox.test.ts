import { describe, expect, it } from 'vitest';
import type { Channel, SensorsData } from '../../protocol/ws.ts';
import type { DropReason } from './channel-policy.ts';
import { Outbox, type OutFrame } from './outbox.ts';

const T = '2024-01-01T00:00:00.000Z';
const sensors = (seq: number, samples: [string, number][]): OutFrame & { data: SensorsData } => ({
  seq,
  channel: 'sensors',
  t: T,
  data: { tick: seq, samples: samples.map(([id, v]) => ({ id, v, s: 0 as const })) },
});
const event = (seq: number, channel: Channel): OutFrame => ({ seq, channel, t: T, data: { n: seq } });

function drain(box: Outbox): any[] {
  const out: unknown[] = [];
  for (let m = box.next(); m !== undefined; m = box.next()) out.push(JSON.parse(m.toString('utf8')));
  return out;
}

function counting(): { drops: Record<string, number>; onDrop: (r: DropReason, n: number) => void } {
  const drops: Record<string, number> = {};
  return { drops, onDrop: (r, n) => void (drops[r] = (drops[r] ?? 0) + n) };
}

describe('Outbox', () => {
  it('sends everything in offer order when the client keeps up', () => {
    const box = new Outbox(10);
    box.pushSensors(sensors(1, [['a.t', 1]]), 0);
    box.pushData(event(2, 'alerts'));
    box.pushControl({ type: 'error', code: 'X', message: 'x' });
    box.pushData(event(3, 'quality'));
    expect(drain(box).map((m) => m.seq ?? m.type)).toEqual([1, 2, 'error', 3]);
  });

  it('merges pending sensor frames, latest value per sensor, at the position of the newest', () => {
    const { drops, onDrop } = counting();
    const box = new Outbox(10, onDrop);
    box.pushSensors(sensors(1, [['a.t', 1], ['b.t', 1]]), 0);
    box.pushData(event(2, 'alerts'));
    box.pushSensors(sensors(3, [['a.t', 3]]), 0);
    const out = drain(box);
    expect(out.map((m) => m.seq)).toEqual([2, 3]);
    expect(out[1].data).toEqual({ tick: 3, merged: { fromTick: 1 }, samples: [{ id: 'a.t', v: 3, s: 0 }, { id: 'b.t', v: 1, s: 0 }] });
    expect(drops).toEqual({ conflated: 1 });
  });

  it("a merged frame carries the newest tick's wall-clock time, and the oldest tick merged in with its own, so its age is neither overstated nor hidden", () => {
    const box = new Outbox(10);
    const withWall = (seq: number, wallMs: number) => ({ ...sensors(seq, [['a.t', seq]]), data: { ...sensors(seq, [['a.t', seq]]).data, wallMs } });
    box.pushSensors(withWall(1, 1_000), 0);
    box.pushSensors(withWall(2, 1_100), 0);
    box.pushSensors(withWall(3, 1_200), 0);
    expect(drain(box).map((m) => [m.data.wallMs, m.data.merged])).toEqual([[1_200, { fromTick: 1, fromWallMs: 1_000 }]]);
    box.pushSensors(withWall(4, 1_300), 0);
    expect(drain(box).map((m) => m.data.merged), 'a frame sent as published says nothing was merged').toEqual([undefined]);
  });

  it('sends one shared encoding of a frame to every client that gets it as published', () => {
    const a = new Outbox(10);
    const b = new Outbox(10);
    const frame = sensors(1, [['a.t', 1]]);
    a.pushSensors(frame, 0);
    b.pushSensors(frame, 0);
    expect(a.next()).toBe(b.next());
  });

  it('holds sensor frames to maxRateHz and lets the merged frame go when due', () => {
    const { drops, onDrop } = counting();
    const box = new Outbox(10, onDrop);
    box.setSensorRate(2); // one frame per 500 ms
    box.pushSensors(sensors(1, [['a.t', 1]]), 0);
    expect(drain(box).map((m) => m.seq)).toEqual([1]);
    box.pushSensors(sensors(2, [['a.t', 2]]), 100);
    box.pushSensors(sensors(3, [['b.t', 3]]), 200);
    expect(drain(box)).toEqual([]);
    expect(box.heldDueAtMs).toBe(500);
    expect(box.releaseHeld(499)).toBe(false);
    expect(box.releaseHeld(500)).toBe(true);
    const [m] = drain(box);
    expect(m.seq).toBe(3);
    expect(m.data.samples).toEqual([{ id: 'a.t', v: 2, s: 0 }, { id: 'b.t', v: 3, s: 0 }]);
    expect(drops).toEqual({ rate: 1 });
  });

  it('keeps held sensor data back rather than send it after a newer message', () => {
    const box = new Outbox(10);
    box.setSensorRate(2);
    box.pushSensors(sensors(1, [['a.t', 1]]), 0);
    box.pushSensors(sensors(2, [['a.t', 2]]), 100);
    box.pushData(event(3, 'alerts'));
    expect(drain(box).map((m) => m.seq)).toEqual([1, 3]);
    expect(box.releaseHeld(600)).toBe(false);
    box.pushSensors(sensors(4, [['b.t', 4]]), 700);
    const [m] = drain(box);
    expect(m.seq).toBe(4);
    expect(m.data.samples.map((s: { id: string }) => s.id)).toEqual(['a.t', 'b.t']);
  });

  it('on overflow sheds the oldest snapshot-channel messages first and keeps alerts', () => {
    const { drops, onDrop } = counting();
    const box = new Outbox(3, onDrop);
    box.pushData(event(1, 'quality'));
    box.pushData(event(2, 'alerts'));
    box.pushData(event(3, 'predictions'));
    box.pushData(event(4, 'alerts'));
    box.pushData(event(5, 'alerts'));
    expect(drain(box).map((m) => m.seq)).toEqual([2, 4, 5]);
    expect(drops).toEqual({ overflow: 2 });
  });

  it('when only events are left to drop, clears the backlog and asks for a resync', () => {
    const { drops, onDrop } = counting();
    const box = new Outbox(2, onDrop);
    box.pushSensors(sensors(1, [['a.t', 1]]), 0);
    box.pushData(event(2, 'alerts'));
    box.pushData(event(3, 'state'));
    box.pushData(event(4, 'alerts'));
    box.pushData(event(5, 'alerts'));
    expect(drain(box)).toEqual([
      expect.objectContaining({ seq: 1, channel: 'sensors' }),
      { type: 'resync', reason: 'client too slow: 3 queued messages dropped', seq: 4 },
      expect.objectContaining({ seq: 5, channel: 'alerts' }),
    ]);
    expect(drops).toEqual({ overflow: 3 });
    expect(box.highWater).toBe(3);
  });
});

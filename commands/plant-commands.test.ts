import { describe, expect, it } from 'vitest';
import type { AppliedCommand } from '../engine/commands.ts';
import { TwinEngine } from '../engine/engine.ts';
import type { TwinEvent } from '../engine/events.ts';
import { toyScenario, toyTank } from '../engine/toy-model.test-helper.ts';
import { CommandError } from './command-error.ts';
import type { CommandRecord } from './command-log.ts';
import type { ForwardedCommand, PlantAck, PlantCommandPort } from './plant-command-port.ts';
import { PlantCommands, type PlantCommandsOptions } from './plant-commands.ts';

const operator = { actor: 'ana', role: 'operator', origin: 'operator' } as const;

/** A plant that answers each forwarded command with `answer` and keeps what it was sent. */
function recordingPort(answer: (c: ForwardedCommand) => PlantAck = () => ({ status: 'acknowledged', atMs: 5, value: null })) {
  const sent: ForwardedCommand[] = [];
  const port: PlantCommandPort = {
    name: 'test-plant',
    forward: async (c) => {
      sent.push(c);
      return answer(c);
    },
  };
  return { port, sent };
}

function setup(options: { answer?: (c: ForwardedCommand) => PlantAck; failLog?: boolean; policyBounds?: PlantCommandsOptions['policyBounds'] } = {}) {
  const twin = TwinEngine.create({ scenario: toyScenario(), models: [toyTank('t1'), toyTank('t2')] });
  const { port, sent } = recordingPort(options.answer);
  const records: CommandRecord[] = [];
  let n = 0;
  const commands = new PlantCommands({
    twin,
    port,
    log: {
      append: async (r) => {
        if (options.failLog) throw new Error('database unavailable');
        records.push(r);
      },
    },
    now: () => 1_700_000_000_000,
    nextId: () => `CMD-${++n}`,
    ...(options.policyBounds ? { policyBounds: options.policyBounds } : {}),
  });
  return { twin, commands, sent, records };
}

describe('PlantCommands', () => {
  it('applies a setpoint change to the twin with its origin, forwards it to the plant and audits previous and new target', async () => {
    const { twin, commands, sent, records } = setup();
    const applied: AppliedCommand[] = [];
    const events: TwinEvent[] = [];
    twin.commands$.subscribe((c) => applied.push(c));
    twin.events$.subscribe((e) => events.push(e));

    const out = await commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 60 }, { ...operator, reason: 'hotter batch' });
    twin.runFor(1);

    expect(twin.setpoints().find((s) => s.id === 't1.temp')!.target).toBe(60);
    expect(applied).toEqual([{ tick: 0, command: { kind: 'setpoint', setpoint: 't1.temp', value: 60 }, origin: 'operator' }]);
    expect(events.find((e) => e.type === 'setpoint_changed')).toMatchObject({ setpoint: 't1.temp', value: 60, origin: 'operator' });
    expect(sent).toEqual([{ id: 'CMD-1', command: { kind: 'setpoint', setpoint: 't1.temp', value: 60 }, asset: 't1', unit: '°C', origin: 'operator', actor: 'ana', issuedAtMs: 1_700_000_000_000 }]);
    expect(records).toEqual([out]);
    expect(out).toMatchObject({
      id: 'CMD-1',
      actor: 'ana',
      role: 'operator',
      origin: 'operator',
      previous: 50,
      next: 60,
      unit: '°C',
      reason: 'hotter batch',
      twinTime: '2026-01-01T00:00:00.000Z',
      plant: { port: 'test-plant', ack: { status: 'acknowledged' } },
    });
  });

  it('refuses an unknown setpoint with a suggestion, and changes nothing', async () => {
    const { twin, commands, sent, records } = setup();
    const err = await commands.execute({ kind: 'setpoint', setpoint: 't1.tmp', value: 60 }, operator).catch((e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err).toMatchObject({ code: 'UNKNOWN_SETPOINT', message: 'unknown setpoint "t1.tmp" (did you mean "t1.temp"?)' });
    expect(twin.setpoints()[0]!.target).toBe(50);
    expect([sent, records]).toEqual([[], []]);
  });

  it('checks the value against the setpoint bounds once, with the bounds in the message', async () => {
    const { twin, commands, sent } = setup();
    await expect(commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 500 }, operator)).rejects.toMatchObject({
      code: 'SETPOINT_OUT_OF_RANGE',
      message: 'value: must be between 0 and 120 °C (got 500)',
    });
    await expect(commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: Number.NaN }, operator)).rejects.toMatchObject({ code: 'SETPOINT_OUT_OF_RANGE' });
    expect(twin.setpoints()[0]!.target).toBe(50);
    expect(sent).toEqual([]);
  });

  it('keeps every command, a person’s or the optimizer’s, inside the operating policy’s envelope', async () => {
    const policyBounds = (id: string) => (id === 't1.temp' ? { lo: 20, hi: 80, unit: '°C', source: 'safety policy v2' } : undefined);
    const { twin, commands, sent } = setup({ policyBounds });
    for (const origin of ['operator', 'optimizer', 'rollback'] as const) {
      await expect(commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 100 }, { ...operator, origin })).rejects.toMatchObject({
        code: 'OUTSIDE_SAFETY_POLICY',
        message: 'value: 100 °C is outside 20..80 °C, the safety policy v2 envelope of t1.temp',
      });
    }
    expect(sent).toEqual([]);
    await commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 80 }, operator);
    await commands.execute({ kind: 'setpoint', setpoint: 't2.temp', value: 100 }, operator);
    expect(twin.setpoints().map((s) => s.target)).toEqual([80, 100]);
  });

  it('runs maintenance on an asset through the same path, refusing unknown assets', async () => {
    const { twin, commands, records } = setup();
    twin.apply({ kind: 'fault', target: 't2', type: 'heater_stuck', params: { offsetC: 30 } }, 'scenario');
    expect(twin.truth().activeFaults['t2']).toEqual(['heater_stuck']);

    await commands.execute({ kind: 'maintenance', target: 't2' }, { actor: 'rel', role: 'engineer', origin: 'engineer' });
    twin.runFor(1);
    expect(twin.truth().activeFaults['t2'] ?? []).toEqual([]);
    expect(records[0]).toMatchObject({ command: { kind: 'maintenance', target: 't2' }, previous: null, next: null, unit: null, origin: 'engineer' });
    await expect(commands.execute({ kind: 'maintenance', target: 't3' }, operator)).rejects.toMatchObject({ code: 'UNKNOWN_ASSET', message: 'unknown asset "t3" (did you mean "t1"?)' });
  });

  it('keeps the plant’s answer in the record when the plant rejects or does not answer', async () => {
    const { commands } = setup({ answer: () => ({ status: 'timeout', afterMs: 5000 }) });
    const out = await commands.execute({ kind: 'setpoint', setpoint: 't2.temp', value: 70 }, { actor: 'optimizer', role: 'engineer', origin: 'optimizer' });
    expect(out.plant.ack).toEqual({ status: 'timeout', afterMs: 5000 });
  });

  it('reports a failure when the audit record cannot be stored, and emits nothing', async () => {
    const { commands } = setup({ failLog: true });
    const seen: CommandRecord[] = [];
    commands.executed$.subscribe((r) => seen.push(r));
    await expect(commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 60 }, operator)).rejects.toThrow('database unavailable');
    expect(seen).toEqual([]);
  });

  it('streams every executed command after it was audited', async () => {
    const { commands } = setup();
    const seen: string[] = [];
    commands.executed$.subscribe((r) => seen.push(`${r.id} ${r.origin} ${r.previous}→${r.next}`));
    await commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 60 }, operator);
    await commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 50 }, { actor: 'optimizer', role: 'engineer', origin: 'rollback', reason: 'undo CMD-1' });
    expect(seen).toEqual(['CMD-1 operator 50→60', 'CMD-2 rollback 60→50']);
  });

  it('refuses origins that are not outside inputs', async () => {
    const { commands } = setup();
    await expect(commands.execute({ kind: 'setpoint', setpoint: 't1.temp', value: 60 }, { actor: 'x', role: 'admin', origin: 'scenario' as never })).rejects.toMatchObject({ code: 'BAD_ORIGIN' });
  });

  it('lists setpoints with their bounds, lag and rate limit', () => {
    const { commands } = setup();
    expect(commands.setpoints()[0]).toEqual({ id: 't1.temp', asset: 't1', name: 'temp', unit: '°C', min: 0, max: 120, lagS: 0, rateLimitPerS: 1, target: 50, actual: 50 });
  });
});

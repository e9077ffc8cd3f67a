import { asyncScheduler } from 'rxjs';
import { SimClock } from '../../engine/clock.ts';
import type { TwinEngine } from '../../engine/engine.ts';
import type { TwinEvent } from '../../engine/events.ts';
import { createEngine } from '../../engine/plant.ts';
import { STATUS_NAMES } from '../../physics/model.ts';
import { parseCommandArgs, seedFlag, speedFlag } from '../args.ts';
import { formatSeconds } from '../progress.ts';
import { resolveScenario } from '../scenario-source.ts';

/** `twin run` (npm start): the plant in paced real time with a live console summary, until Ctrl-C. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('run', argv, {
    scenario: { type: 'string', short: 's' },
    seed: { type: 'string' },
    speed: { type: 'string' },
  });
  const scenario = resolveScenario(values.scenario ?? 'glass-plant', values.seed ? { seed: seedFlag(values.seed) } : {});
  const speed = speedFlag(values.speed ?? '1');
  const engine = createEngine(scenario);
  const clock = new SimClock(engine, {
    mode: speed === 'max' ? { kind: 'virtual' } : { kind: 'paced', speed },
    scheduler: asyncScheduler,
    endS: null,
  });
  const recent: string[] = [];
  const counts = { units: new Map<string, number>(), defects: new Map<string, number>(), failures: 0 };
  engine.events$.subscribe((e) => {
    if (e.type === 'unit_produced') counts.units.set(e.asset, (counts.units.get(e.asset) ?? 0) + 1);
    else if (e.type === 'defect') counts.defects.set(e.asset, (counts.defects.get(e.asset) ?? 0) + 1);
    if (e.type === 'failure') counts.failures++;
    const line = describe(engine, e);
    if (line) {
      recent.push(line);
      if (recent.length > 6) recent.shift();
    }
  });
  const tty = Boolean(process.stdout.isTTY);
  const draw = () => {
    const text = summary(engine, clock, counts, recent);
    if (tty) process.stdout.write(`\x1b[H\x1b[2J${text}\n`);
    else process.stdout.write(`${text.split('\n')[0]}\n`);
  };
  clock.play();
  const timer = setInterval(draw, tty ? 1000 : 10_000);
  draw();
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(timer);
  clock.pause();
  process.stdout.write(`\nstopped at t=${formatSeconds(engine.tS)} (${engine.isoAt()})\n`);
  return 0;
}

function describe(engine: TwinEngine, e: TwinEvent): string | null {
  const at = engine.isoAt(e.tS).slice(11, 19);
  switch (e.type) {
    case 'alert':
      return `[${at}] ${e.status.padEnd(8)} ${e.sensor} = ${e.value.toFixed(2)}`;
    case 'fault_onset':
      return `[${at}] FAULT    ${e.asset} ${e.fault}`;
    case 'failure':
      return `[${at}] FAILURE  ${e.asset} ${e.mode}`;
    case 'maintenance':
      return `[${at}] MAINT    ${e.asset} ${e.kind}`;
    case 'setpoint_changed':
      return `[${at}] SETPOINT ${e.setpoint} → ${e.value}`;
    default:
      return null;
  }
}

function value(engine: TwinEngine, id: string): string {
  const k = engine.layout.sensorIndex.get(id);
  if (k === undefined) return '—';
  const v = engine.values[k]!;
  return Number.isNaN(v) ? 'n/a' : v.toFixed(1);
}

function summary(
  engine: TwinEngine,
  clock: SimClock,
  counts: { units: Map<string, number>; defects: Map<string, number>; failures: number },
  recent: readonly string[],
): string {
  const st = clock.status;
  const mode = st.mode.kind === 'paced' ? `${st.mode.speed}x` : 'max';
  const out = [
    `Twinworks · ${engine.scenario.name} · ${engine.isoAt()} · t=${formatSeconds(engine.tS)} · speed ${mode} · lag ${st.lagS.toFixed(1)}s`,
    '',
  ];
  for (const line of engine.scenario.lines) {
    const zones = Array.from({ length: line.zones }, (_, z) => value(engine, `${line.id}.furnace.zone${z + 1}_temp`));
    out.push(
      `${line.id.padEnd(8)} furnace ${zones.join('/')} °C · belt ${value(engine, `${line.id}.forming.belt_speed`)} m/min · ` +
        `mold ${value(engine, `${line.id}.forming.mold_temp`)} °C · cooling ${value(engine, `${line.id}.annealing.cooling_rate`)} °C/min · ` +
        `units ${counts.units.get(line.id) ?? 0} · defects ${counts.defects.get(line.id) ?? 0}`,
    );
  }
  const worst = new Map<string, number>();
  engine.layout.sensors.forEach((s, k) => {
    if (s.assetKind === 'machine') worst.set(s.asset, Math.max(worst.get(s.asset) ?? 0, engine.status[k]!));
  });
  const byStatus = [0, 0, 0, 0];
  for (const w of worst.values()) byStatus[w]!++;
  out.push(
    '',
    `Machines ${worst.size}: ${STATUS_NAMES.map((n, i) => `${n} ${byStatus[i]}`).join(' · ')} · failures ${counts.failures}`,
    '',
    'Recent events:',
    ...(recent.length ? recent : ['(none yet)']),
    '',
    'Ctrl-C to stop.',
  );
  return out.join('\n');
}

/**
 * Validates a profile JSON value into a ProfileDocument. Structure, ranges and limit nesting are
 * checked here; expressions are checked when they are compiled (profile-compile.ts).
 */
import type { Bounds, NoiseSpec } from '../model.ts';
import { At } from './validate.ts';
import type {
  FailureModeDoc,
  FaultAliasDoc,
  Iso10816Class,
  NamedExpr,
  ProfileDocument,
  SensorDoc,
  StateDoc,
} from './profile-document.ts';

const DEFAULT_RATE_FLOOR = 0.001;
const DEFAULT_CONTROL = { lagS: 3, rateLimitPctPerS: 5 } as const;

export function readProfileDocument(json: unknown, source: string): ProfileDocument {
  const at = new At(source, '', json).only([
    '$comment', 'type', 'description', 'rated', 'iso10816', 'control', 'parameters',
    'states', 'internal', 'sensors', 'derived', 'failureModes', 'faultAliases',
  ]);
  const rated = numberRecord(at.key('rated'));
  for (const k of ['power_kw', 'speed_rpm']) if (!(k in rated)) at.key('rated').fail(`missing "${k}"`);
  for (const k of Object.keys(rated)) if (rated[k]! <= 0) at.key('rated').key(k).fail(`rated values must be positive`);
  const failureModes = at.key('failureModes').array().map(readFailureMode);
  if (failureModes.length === 0) at.key('failureModes').fail('a profile needs at least one failure mode');
  const modeNames = failureModes.map((m) => m.name);
  const doc: ProfileDocument = {
    type: at.key('type').name(),
    description: at.key('description').string(),
    rated,
    iso10816: readIso(at.key('iso10816')),
    control: at.has('control') ? readControl(at.key('control')) : DEFAULT_CONTROL,
    parameters: at.has('parameters') ? numberRecord(at.key('parameters')) : {},
    states: at.has('states') ? at.key('states').array().map(readState) : [],
    internal: at.has('internal') ? at.key('internal').array().map(readNamedExpr) : [],
    sensors: at.key('sensors').array().map(readSensor),
    derived: at.has('derived') ? at.key('derived').array().map(readSensor) : [],
    failureModes,
    faultAliases: at.has('faultAliases') ? at.key('faultAliases').array().map((a) => readAlias(a, modeNames)) : [],
  };
  if (doc.sensors.length === 0) at.key('sensors').fail('a profile needs at least one sensor');
  return doc;
}

function numberRecord(at: At): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of at.entries()) {
    new At(at.source, `${at.path}.${k}`, k).name();
    out[k] = v.number();
  }
  return out;
}

function readIso(at: At): Iso10816Class | null {
  if (at.value === null) return null;
  at.only(['group', 'foundation', 'note']);
  const note = at.key('note').optString();
  return {
    group: at.key('group').oneOf([1, 2] as const),
    foundation: at.key('foundation').oneOf(['rigid', 'flexible'] as const),
    ...(note !== undefined ? { note } : {}),
  };
}

function readControl(at: At) {
  at.only(['lagS', 'rateLimitPctPerS']);
  return { lagS: at.key('lagS').positive(), rateLimitPctPerS: at.key('rateLimitPctPerS').positive() };
}

function readNamedExpr(at: At): NamedExpr {
  at.only(['name', 'expr', 'description', 'source']);
  return withText(at, { name: at.key('name').name(), expr: at.key('expr').string() });
}

function readState(at: At): StateDoc {
  at.only(['name', 'tauS', 'target', 'description', 'source']);
  return withText(at, { name: at.key('name').name(), tauS: at.key('tauS').positive(), target: at.key('target').string() });
}

function withText<T extends object>(at: At, x: T): T & { description?: string; source?: string } {
  const description = at.key('description').optString();
  const source = at.key('source').optString();
  return { ...x, ...(description !== undefined ? { description } : {}), ...(source !== undefined ? { source } : {}) };
}

function readSensor(at: At): SensorDoc {
  at.only(['name', 'unit', 'type', 'description', 'periodS', 'normal', 'limits', 'noise', 'expr', 'source']);
  const limitsAt = at.key('limits').only(['warning', 'error', 'critical']);
  const warning = readBounds(limitsAt.key('warning'));
  const error = readBounds(limitsAt.key('error'));
  const critical = readBounds(limitsAt.key('critical'));
  mustContain(limitsAt.key('error'), error, warning, 'warning');
  mustContain(limitsAt.key('critical'), critical, error, 'error');
  const normalAt = at.key('normal');
  const normal = readBounds(normalAt);
  const [normalLo, normalHi] = normal;
  if (normalLo === null || normalHi === null) return normalAt.fail('the normal range needs both ends');
  mustContain(normalAt, warning, normal, 'normal', 'limits.warning');
  const source = at.key('source').optString();
  return {
    name: at.key('name').name(),
    unit: at.key('unit').string(),
    type: at.key('type').name(),
    description: at.key('description').string(),
    // Realistic plant sampling: vibration every second .. slow chemistry once a minute.
    periodS: at.key('periodS').number(1, 60, 'periodS'),
    normal: [normalLo, normalHi],
    limits: { warning, error, critical },
    noise: readNoise(at.key('noise')),
    expr: at.key('expr').string(),
    ...(source !== undefined ? { source } : {}),
  };
}

function readBounds(at: At): Bounds {
  const items = at.array();
  if (items.length !== 2) at.fail(`expected [low, high] (null = unbounded), got ${items.length} values`);
  const [lo, hi] = items.map((i) => (i.value === null ? null : i.number()));
  if (lo != null && hi != null && lo > hi) at.fail(`low ${lo} is above high ${hi}`);
  return [lo ?? null, hi ?? null];
}

/** `outer` must contain `inner` (null = unbounded on that side). */
function mustContain(at: At, outer: Bounds, inner: Bounds, innerName: string, outerName = 'this band'): void {
  const [olo, ohi] = outer;
  const [ilo, ihi] = inner;
  if (olo !== null && (ilo === null || ilo < olo)) at.fail(`${outerName} must contain the ${innerName} band: low ${olo} is above ${innerName} low ${ilo ?? 'unbounded'}`);
  if (ohi !== null && (ihi === null || ihi > ohi)) at.fail(`${outerName} must contain the ${innerName} band: high ${ohi} is below ${innerName} high ${ihi ?? 'unbounded'}`);
}

function readNoise(at: At): NoiseSpec {
  at.only(['std', 'driftPerSqrtH', 'bias', 'quantum', 'dropoutProb', 'spikeProb', 'spikeMag']);
  const opt = (k: string, lo: number, hi = Infinity) => (at.has(k) ? { [k]: at.key(k).number(lo, hi, k) } : {});
  return {
    std: at.key('std').number(0, Infinity, 'std'),
    ...opt('driftPerSqrtH', 0),
    ...opt('bias', -Infinity),
    ...opt('quantum', 0),
    ...opt('dropoutProb', 0, 1),
    ...opt('spikeProb', 0, 1),
    ...opt('spikeMag', 0),
  };
}

function readFailureMode(at: At): FailureModeDoc {
  at.only(['name', 'description', 'source', 'rate', 'rateFloor', 'onset', 'consumable', 'growth']);
  const onset = at.key('onset').only(['weibullShape', 'weibullScaleH']);
  return {
    name: at.key('name').name(),
    description: at.key('description').string(),
    source: at.key('source').string(),
    rate: at.key('rate').string(),
    rateFloor: at.has('rateFloor') ? at.key('rateFloor').positive() : DEFAULT_RATE_FLOOR,
    onset: { weibullShape: onset.key('weibullShape').positive(), weibullScaleH: onset.key('weibullScaleH').positive() },
    consumable: at.has('consumable') ? at.key('consumable').boolean() : false,
    growth: readGrowth(at.key('growth')),
  };
}

function readGrowth(g: At): FailureModeDoc['growth'] {
  const model = g.key('model').oneOf(['exponential', 'power'] as const);
  if (model === 'exponential') {
    g.only(['model', 'thetaMedian', 'thetaLogStd', 'betaPerHMean', 'betaPerHStd']);
    return {
      model,
      thetaMedian: g.key('thetaMedian').positive(),
      thetaLogStd: g.key('thetaLogStd').number(0, 3, 'thetaLogStd'),
      betaPerHMean: g.key('betaPerHMean').positive(),
      betaPerHStd: g.key('betaPerHStd').number(0, Infinity, 'betaPerHStd'),
    };
  }
  g.only(['model', 'exponent', 'durationMedianH', 'durationLogStd']);
  return {
    model,
    exponent: g.key('exponent').number(0.2, 10, 'exponent'),
    durationMedianH: g.key('durationMedianH').positive(),
    durationLogStd: g.key('durationLogStd').number(0, 3, 'durationLogStd'),
  };
}

function readAlias(at: At, modes: readonly string[]): FaultAliasDoc {
  at.only(['name', 'mode', 'rateMultiplier', 'description']);
  const mode = at.key('mode').name();
  if (!modes.includes(mode)) at.key('mode').fail(`"${mode}" is not a failure mode of this profile (${modes.join(', ')})`);
  return {
    name: at.key('name').name(),
    mode,
    rateMultiplier: at.key('rateMultiplier').number(1, Infinity, 'rateMultiplier'),
    description: at.key('description').string(),
  };
}

/**
 * The parameters a question names, read against the plant's own vocabulary (its machines, lines,
 * setpoints and sensors): "pump 3" is pump_003 when the plant has one, "line a" is Line_A, "next
 * week" is 7 days. What is not found is left out, never guessed: the planner asks for it.
 */

export interface Vocabulary {
  /** Machine id → its kind (profile), and the lines. */
  readonly machines: ReadonlyMap<string, string>;
  readonly lines: readonly string[];
  readonly setpoints: readonly string[];
  readonly sensors: readonly string[];
  readonly defectTypes: readonly string[];
}

export interface Slots {
  readonly asset?: string;
  readonly line?: string;
  readonly teams?: number;
  readonly horizonDays?: number;
  /** "the last 6 hours" */
  readonly hours?: number;
  readonly setpoint?: string;
  readonly value?: number;
  readonly alertId?: string;
  readonly sensor?: string;
  readonly defectType?: string;
  readonly topic?: string;
}

const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, a: 1, an: 1 };
const num = (w: string): number => WORD_NUMBERS[w.toLowerCase()] ?? Number(w);
const NUM = '(\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)';

function findAsset(text: string, v: Vocabulary): string | undefined {
  const lower = text.toLowerCase();
  // Longest id first: pump_0031 before pump_003.
  for (const id of [...v.machines.keys()].sort((a, b) => b.length - a.length)) if (new RegExp(`(^|[^\\w])${id.toLowerCase()}($|[^\\w])`).test(lower)) return id;
  // "pump 3", "pump #3", "cooling tower 2" → the kind's id with that number.
  const kinds = [...new Set(v.machines.values())];
  for (const kind of kinds) {
    const spoken = kind.replace(/_/g, '[ _-]?');
    const m = new RegExp(`\\b${spoken}\\s*(?:no\\.?|number|#)?\\s*0*(\\d{1,4})\\b`, 'i').exec(text);
    if (!m) continue;
    const n = Number(m[1]);
    const id = [...v.machines.entries()].find(([mid, k]) => k === kind && Number(/(\d+)$/.exec(mid)?.[1] ?? NaN) === n)?.[0];
    if (id) return id;
  }
  return undefined;
}

function findLine(text: string, v: Vocabulary): string | undefined {
  for (const line of v.lines) {
    if (text.toLowerCase().includes(line.toLowerCase())) return line;
    const suffix = line.split('_').at(-1)!;
    if (new RegExp(`\\bline[ _-]?${suffix}\\b`, 'i').test(text)) return line;
  }
  return undefined;
}

/** The setpoint a change names ("furnace temperature on line A", "pump_003 load"), if the plant has it. */
function findSetpoint(text: string, v: Vocabulary, asset: string | undefined, line: string | undefined): string | undefined {
  const lower = text.toLowerCase().replace(/temperature/g, 'temp');
  const owner = asset ?? line;
  const candidates = v.setpoints.filter((s) => owner === undefined || s.startsWith(`${owner}.`));
  for (const s of candidates.sort((a, b) => b.length - a.length)) {
    const name = s.split('.').at(-1)!;
    if (lower.includes(s.toLowerCase()) || new RegExp(`\\b${name.replace(/_/g, '[ _]')}\\b`).test(lower)) return s;
  }
  return undefined;
}

function findSensor(text: string, v: Vocabulary, asset: string | undefined, line: string | undefined): string | undefined {
  const lower = text.toLowerCase();
  for (const s of v.sensors) if (lower.includes(s.toLowerCase())) return s;
  const owner = asset ?? line;
  if (owner === undefined) return undefined;
  // "pump_003 vibration": the owner's sensor whose name holds every word after the owner.
  const words = lower.replace(/temperature/g, 'temp').match(/[a-z]{3,}/g) ?? [];
  const mine = v.sensors.filter((s) => s.startsWith(`${owner}.`));
  let best: { s: string; n: number } | undefined;
  for (const s of mine) {
    const n = words.filter((w) => s.toLowerCase().slice(owner.length).includes(w)).length;
    if (n > 0 && (!best || n > best.n || (n === best.n && s.length < best.s.length))) best = { s, n };
  }
  return best?.s;
}

export function extractSlots(text: string, v: Vocabulary): Slots {
  const asset = findAsset(text, v);
  const line = findLine(text, v);
  const out: Record<string, unknown> = {};
  if (asset) out['asset'] = asset;
  if (line) out['line'] = line;
  const teams = new RegExp(`\\b${NUM}\\s+(?:maintenance\\s+)?(?:teams?|crews?)\\b`, 'i').exec(text);
  if (teams) out['teams'] = num(teams[1]!);
  if (/\b(next|this|coming|one|a)\s+week\b/i.test(text)) out['horizonDays'] = 7;
  const days = new RegExp(`\\b${NUM}\\s*(days?|d|weeks?)\\b`, 'i').exec(text);
  if (days) out['horizonDays'] = num(days[1]!) * (/^w/i.test(days[2]!) ? 7 : 1);
  const hours = new RegExp(`\\b(?:last|past)\\s+${NUM}?\\s*(hours?|h|days?)\\b`, 'i').exec(text);
  if (hours) out['hours'] = (hours[1] ? num(hours[1]) : 1) * (/^d/i.test(hours[2]!) ? 24 : 1);
  const setpoint = findSetpoint(text, v, asset, line);
  if (setpoint) out['setpoint'] = setpoint;
  const value = /\bto\s+(-?\d+(?:\.\d+)?)/i.exec(text);
  if (value && setpoint) out['value'] = Number(value[1]);
  const alert = /\b(ALT-[\w-]+)/i.exec(text);
  if (alert) out['alertId'] = alert[1]!.toUpperCase();
  const sensor = findSensor(text, v, asset, line);
  if (sensor) out['sensor'] = sensor;
  const defect = v.defectTypes.find((d) => new RegExp(`\\b${d.replace(/_/g, '[ _]')}s?\\b`, 'i').test(text));
  if (defect) out['defectType'] = defect;
  // Longest kind first: "cooling tower fan" is about the cooling tower.
  const kinds = [...new Set(v.machines.values())].sort((a, b) => b.length - a.length);
  const topic = asset ? v.machines.get(asset) : line || /\b(glass|furnace|lehr|forming|annealing)\b/i.test(text) ? 'glass_line' : kinds.find((k) => new RegExp(`\\b${k.replace(/_/g, '[ _]')}s?\\b`, 'i').test(text));
  if (topic) out['topic'] = topic;
  return out as Slots;
}

import { EngineError } from './commands.ts';
import type { PlantLayout } from './layout.ts';
import { allocateState, STATE_ARRAY_NAMES, type EngineState } from './state.ts';

/** The whole mutable state of an engine at one tick. */
export interface EngineSnapshot {
  /** The plant layout it belongs to; restoring into another plant is refused. */
  readonly fingerprint: string;
  readonly scenario: string;
  readonly stepS: number;
  readonly tick: number;
  readonly state: EngineState;
}

const MAGIC = 0x53_4e_57_54; // "TWNS" little-endian
const FORMAT_VERSION = 1;

interface Header {
  readonly v: number;
  readonly fingerprint: string;
  readonly scenario: string;
  readonly stepS: number;
  readonly tick: number;
  readonly arrays: readonly { readonly name: string; readonly type: string; readonly length: number }[];
}

function header(s: EngineSnapshot): Header {
  return {
    v: FORMAT_VERSION,
    fingerprint: s.fingerprint,
    scenario: s.scenario,
    stepS: s.stepS,
    tick: s.tick,
    arrays: STATE_ARRAY_NAMES.map((name) => ({ name, type: s.state[name].constructor.name, length: s.state[name].length })),
  };
}

/** JSON form: a header and every array as base64 of its little-endian bytes. */
export function snapshotToJson(s: EngineSnapshot): string {
  const data: Record<string, string> = {};
  for (const name of STATE_ARRAY_NAMES) {
    const a = s.state[name];
    data[name] = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  }
  return JSON.stringify({ ...header(s), data });
}

/** Compact binary form: magic, version, header length, JSON header, then 8-byte-aligned arrays. */
export function snapshotToBinary(s: EngineSnapshot): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header(s)));
  const align = (n: number) => (n + 7) & ~7;
  let size = align(12 + head.length);
  for (const name of STATE_ARRAY_NAMES) size += align(s.state[name].byteLength);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, FORMAT_VERSION, true);
  dv.setUint32(8, head.length, true);
  out.set(head, 12);
  let off = align(12 + head.length);
  for (const name of STATE_ARRAY_NAMES) {
    const a = s.state[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off += align(a.byteLength);
  }
  return out;
}

function bad(message: string): never {
  throw new EngineError('BAD_SNAPSHOT', message);
}

function fill(state: EngineState, name: string, bytes: Uint8Array): void {
  const target = state[name as keyof EngineState];
  if (!target) bad(`snapshot has an unknown array "${name}"`);
  if (bytes.byteLength !== target.byteLength) {
    bad(`snapshot array "${name}" has ${bytes.byteLength} bytes, this plant needs ${target.byteLength}`);
  }
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
}

function check(h: Partial<Header>, layout: PlantLayout): void {
  if (h.v !== FORMAT_VERSION) bad(`unsupported snapshot version ${String(h.v)}`);
  if (h.fingerprint !== layout.fingerprint) {
    bad(`snapshot belongs to another plant layout (${String(h.fingerprint)}, this engine is ${layout.fingerprint})`);
  }
}

/** Reads any snapshot form back into state arrays shaped for `layout`; refuses foreign or damaged data. */
export function decodeSnapshot(input: EngineSnapshot | Uint8Array | string, layout: PlantLayout): EngineSnapshot {
  if (typeof input === 'string') {
    let parsed: Header & { data?: Record<string, string> };
    try {
      parsed = JSON.parse(input);
    } catch {
      bad('snapshot is not valid JSON');
    }
    check(parsed, layout);
    const state = allocateState(layout);
    for (const name of STATE_ARRAY_NAMES) {
      const b64 = parsed.data?.[name];
      if (typeof b64 !== 'string') bad(`snapshot lacks array "${name}"`);
      fill(state, name, Buffer.from(b64, 'base64'));
    }
    return { fingerprint: parsed.fingerprint, scenario: parsed.scenario, stepS: parsed.stepS, tick: parsed.tick, state };
  }
  if (input instanceof Uint8Array) {
    if (input.byteLength < 12) bad('snapshot is too short');
    const dv = new DataView(input.buffer, input.byteOffset, input.byteLength);
    if (dv.getUint32(0, true) !== MAGIC) bad('not a Twinworks snapshot (bad magic)');
    const headLen = dv.getUint32(8, true);
    if (12 + headLen > input.byteLength) bad('snapshot header is truncated');
    let h: Header;
    try {
      h = JSON.parse(new TextDecoder().decode(input.subarray(12, 12 + headLen)));
    } catch {
      bad('snapshot header is not valid JSON');
    }
    check(h, layout);
    const state = allocateState(layout);
    const align = (n: number) => (n + 7) & ~7;
    let off = align(12 + headLen);
    for (const a of h.arrays) {
      const target = state[a.name as keyof EngineState];
      if (!target) bad(`snapshot has an unknown array "${a.name}"`);
      const len = target.byteLength;
      if (off + len > input.byteLength) bad(`snapshot is truncated in array "${a.name}"`);
      fill(state, a.name, input.subarray(off, off + len));
      off += align(len);
    }
    return { fingerprint: h.fingerprint, scenario: h.scenario, stepS: h.stepS, tick: h.tick, state };
  }
  check({ v: FORMAT_VERSION, fingerprint: input.fingerprint }, layout);
  return input;
}

import type { Channel, ControlMessage, SensorsData } from '../../protocol/ws.ts';
import { DROP_ORDER, SNAPSHOT_CHANNELS, type DropReason, type QueuedChannel } from './channel-policy.ts';
import { Fifo } from './fifo.ts';

/**
 * A data message on its way to clients; shared by every client that gets the same bytes, so it is
 * serialized and UTF-8 encoded once (a sensors frame to 1,000 clients would otherwise be encoded
 * 1,000 times; ws sends a Buffer as it is).
 */
export interface OutFrame {
  readonly seq: number;
  readonly channel: Channel;
  readonly t: string;
  readonly data: unknown;
  bytes?: Buffer;
}

/** A message as sent: JSON text, UTF-8 encoded. */
export type Wire = Buffer;

export function frameBytes(f: OutFrame): Wire {
  return (f.bytes ??= Buffer.from(JSON.stringify({ channel: f.channel, seq: f.seq, t: f.t, data: f.data })));
}

type Sample = SensorsData['samples'][number];

/** Pending sensor data: one frame as published, or several merged (latest sample per sensor id). */
interface SensorAcc {
  ord: number;
  seq: number;
  t: string;
  tick: number;
  wallMs: number | undefined;
  /** The oldest tick merged in, and its wall-clock time. */
  fromTick: number;
  fromWallMs: number | undefined;
  single: OutFrame | null;
  samples: Map<string, Sample> | null;
}

interface Entry {
  readonly ord: number;
  readonly frame: OutFrame | null;
  readonly wire: Wire | null;
}

/**
 * One client's outgoing messages. Every message gets an order number when it is offered, and
 * `next()` always returns the lowest, so a client sees seq increase. Sensors never queue up: at
 * most one pending frame, into which newer frames merge (and whose order becomes the newest's).
 * Other channels queue up to `maxQueue`; on overflow the snapshot channels shed their oldest
 * first; when an event would have to go, the client is too far behind to patch up, so the whole
 * backlog goes and a `resync` tells it to re-read state over REST.
 */
export class Outbox {
  private ord = 0;
  private lastSentOrd = 0;
  private readonly lanes = new Map<QueuedChannel, Fifo<Entry>>(DROP_ORDER.map((c) => [c, new Fifo<Entry>()]));
  private readonly control = new Fifo<Entry>();
  private queuedData = 0;
  private sensors: SensorAcc | null = null;
  /** Sensor data held back by maxRateHz, and when it may go. */
  private held: SensorAcc | null = null;
  private sensorIntervalMs = 0;
  private nextSensorAtMs = -Infinity;
  /** The most messages this outbox ever held at once. */
  highWater = 0;

  constructor(
    private readonly maxQueue: number,
    private readonly onDrop: (reason: DropReason, count: number) => void = () => {},
    private readonly onResync: () => void = () => {},
  ) {}

  /** Messages waiting, counting the pending sensors frame as one. */
  get size(): number {
    return this.queuedData + this.control.length + (this.sensors ? 1 : 0);
  }

  /** Conflate sensor frames to at most this rate; every frame when undefined. */
  setSensorRate(maxRateHz: number | undefined): void {
    this.sensorIntervalMs = maxRateHz === undefined ? 0 : 1000 / maxRateHz;
    this.nextSensorAtMs = -Infinity;
  }

  /** When sensor data held back by the rate limit becomes due; null when none is held. */
  get heldDueAtMs(): number | null {
    return this.held ? this.nextSensorAtMs : null;
  }

  pushSensors(frame: OutFrame & { readonly data: SensorsData }, nowMs: number): void {
    const ord = ++this.ord;
    if (this.sensorIntervalMs > 0 && nowMs < this.nextSensorAtMs) {
      if (this.held) {
        merge(this.held, frame, ord);
        this.onDrop('rate', 1);
      } else {
        this.held = acc(frame, ord);
      }
      return;
    }
    let incoming = acc(frame, ord);
    if (this.held) {
      merge(this.held, frame, ord);
      this.onDrop('rate', 1);
      incoming = this.held;
      this.held = null;
    }
    this.enqueueSensors(incoming, nowMs);
  }

  /**
   * Lets held sensor data go once its interval has passed. It stays held if something newer was
   * already sent (it would break seq order); the next sensors frame then carries it.
   */
  releaseHeld(nowMs: number): boolean {
    const held = this.held;
    if (!held || nowMs < this.nextSensorAtMs || held.ord <= this.lastSentOrd) return false;
    this.held = null;
    this.enqueueSensors(held, nowMs);
    return true;
  }

  /** Forgets pending sensor data (the client unsubscribed). */
  clearSensors(): void {
    this.sensors = null;
    this.held = null;
  }

  pushData(frame: OutFrame): void {
    const lane = this.lanes.get(frame.channel as QueuedChannel);
    if (!lane) throw new Error(`channel ${frame.channel} is not queued`);
    lane.push({ ord: ++this.ord, frame, wire: null });
    this.queuedData++;
    if (this.queuedData > this.maxQueue) this.shed(frame.seq);
    this.highWater = Math.max(this.highWater, this.size);
  }

  pushControl(message: ControlMessage): void {
    this.control.push({ ord: ++this.ord, frame: null, wire: Buffer.from(JSON.stringify(message)) });
    this.highWater = Math.max(this.highWater, this.size);
  }

  /** The next message to send, in order; undefined when nothing is waiting. */
  next(): Wire | undefined {
    let best: Fifo<Entry> | null = null;
    let bestOrd = this.sensors ? this.sensors.ord : Infinity;
    for (const lane of this.lanes.values()) {
      const head = lane.peek();
      if (head && head.ord < bestOrd) [best, bestOrd] = [lane, head.ord];
    }
    const c = this.control.peek();
    if (c && c.ord < bestOrd) [best, bestOrd] = [this.control, c.ord];
    if (bestOrd === Infinity) return undefined;
    this.lastSentOrd = bestOrd;
    if (best === null) {
      const s = this.sensors!;
      this.sensors = null;
      return sensorsJson(s);
    }
    const entry = best.shift()!;
    if (entry.frame) {
      this.queuedData--;
      return frameBytes(entry.frame);
    }
    return entry.wire!;
  }

  private enqueueSensors(incoming: SensorAcc, nowMs: number): void {
    if (this.sensorIntervalMs > 0) this.nextSensorAtMs = nowMs + this.sensorIntervalMs;
    if (this.sensors) {
      mergeAcc(this.sensors, incoming);
      this.onDrop('conflated', 1);
    } else {
      this.sensors = incoming;
    }
    this.highWater = Math.max(this.highWater, this.size);
  }

  private shed(latestSeq: number): void {
    for (const channel of DROP_ORDER) {
      const lane = this.lanes.get(channel)!;
      if (lane.length === 0) continue;
      if (SNAPSHOT_CHANNELS.has(channel)) {
        lane.shift();
        this.queuedData--;
        this.onDrop('overflow', 1);
        return;
      }
      break;
    }
    // Only events are queued: the client cannot be patched up message by message any more.
    const lost = this.queuedData;
    for (const lane of this.lanes.values()) lane.clear();
    this.queuedData = 0;
    this.onDrop('overflow', lost);
    this.onResync();
    this.pushControl({ type: 'resync', reason: `client too slow: ${lost} queued messages dropped`, seq: latestSeq });
  }
}

function acc(frame: OutFrame & { readonly data: SensorsData }, ord: number): SensorAcc {
  return { ord, seq: frame.seq, t: frame.t, tick: frame.data.tick, wallMs: frame.data.wallMs, fromTick: frame.data.merged?.fromTick ?? frame.data.tick, fromWallMs: frame.data.merged ? frame.data.merged.fromWallMs : frame.data.wallMs, single: frame, samples: null };
}

function samplesOf(a: SensorAcc): Map<string, Sample> {
  if (a.samples) return a.samples;
  const map = new Map<string, Sample>();
  for (const s of (a.single!.data as SensorsData).samples) map.set(s.id, s);
  a.samples = map;
  a.single = null;
  return map;
}

function merge(into: SensorAcc, frame: OutFrame & { readonly data: SensorsData }, ord: number): void {
  const map = samplesOf(into);
  for (const s of frame.data.samples) map.set(s.id, s);
  Object.assign(into, { ord, seq: frame.seq, t: frame.t, tick: frame.data.tick, wallMs: frame.data.wallMs });
}

function mergeAcc(into: SensorAcc, newer: SensorAcc): void {
  const map = samplesOf(into);
  for (const s of samplesOf(newer).values()) map.set(s.id, s);
  Object.assign(into, { ord: newer.ord, seq: newer.seq, t: newer.t, tick: newer.tick, wallMs: newer.wallMs });
}

function sensorsJson(a: SensorAcc): Wire {
  if (a.single) return frameBytes(a.single);
  const merged = { fromTick: a.fromTick, ...(a.fromWallMs !== undefined ? { fromWallMs: a.fromWallMs } : {}) };
  const data: SensorsData = { tick: a.tick, ...(a.wallMs !== undefined ? { wallMs: a.wallMs } : {}), merged, samples: [...a.samples!.values()] };
  return Buffer.from(JSON.stringify({ channel: 'sensors', seq: a.seq, t: a.t, data }));
}

import { Type, type Static } from 'typebox';

/** WebSocket channels. */
export const CHANNELS = ['sensors', 'predictions', 'alerts', 'recommendations', 'quality', 'state'] as const;
// Spelled out: a union built with `CHANNELS.map(...)` gets an array, not a tuple, and its Static is `never`.
export const Channel = Type.Union([
  Type.Literal('sensors'),
  Type.Literal('predictions'),
  Type.Literal('alerts'),
  Type.Literal('recommendations'),
  Type.Literal('quality'),
  Type.Literal('state'),
]);
export type Channel = Static<typeof Channel>;
// Compile-time check that the schema and CHANNELS list the same channels.
const sameChannels: [Channel, (typeof CHANNELS)[number]] extends [(typeof CHANNELS)[number], Channel] ? true : never = true;
void sameChannels;

// ---- client → server, tagged by `type`

export const Hello = Type.Object({
  type: Type.Literal('hello'),
  protocolVersion: Type.Integer(),
  /** Resume after a reconnect: the last `seq` this client received. */
  lastSeq: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const Subscribe = Type.Object({
  type: Type.Literal('subscribe'),
  channels: Type.Array(Channel, { minItems: 1, uniqueItems: true }),
  /** Only these assets (lines or machines); all when absent. */
  assets: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20000 })),
  /** Conflate sensor frames to at most this many per second; every tick when absent. */
  maxRateHz: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
});

export const Unsubscribe = Type.Object({
  type: Type.Literal('unsubscribe'),
  channels: Type.Array(Channel, { minItems: 1, uniqueItems: true }),
});

export const ClientMessage = Type.Union([Hello, Subscribe, Unsubscribe]);
export type ClientMessage = Static<typeof ClientMessage>;

// ---- server → client

/**
 * A data message: every message on a channel has this shape. `seq` is global across channels and
 * strictly increasing in each connection's stream; gaps are normal (other channels, other assets,
 * sensor frames merged), and loss the client must repair is announced by a `resync`.
 */
export interface ChannelMessage<T = unknown> {
  readonly channel: Channel;
  readonly seq: number;
  /** ISO 8601 UTC simulated time of the data. */
  readonly t: string;
  readonly data: T;
}

/** Control messages have `type` and no `channel`. */
export type ControlMessage =
  | { readonly type: 'welcome'; readonly protocolVersion: number; readonly seq: number; readonly channels: readonly Channel[] }
  | { readonly type: 'resync'; readonly reason: string; readonly seq: number }
  | { readonly type: 'error'; readonly code: string; readonly message: string }
  /**
   * Acknowledges a subscribe or unsubscribe with the connection's channels now subscribed. After a
   * resuming hello, it follows the replayed messages: the client is caught up and live from `seq`.
   */
  | { readonly type: 'subscribed'; readonly channels: readonly Channel[]; readonly seq: number };

/** Payload of a `sensors` message: the samples of one tick (or conflated ticks), latest per sensor. */
export interface SensorsData {
  readonly tick: number;
  /**
   * Server wall-clock time (epoch ms) when the tick ran, so a client can show how old what it
   * displays is, and a benchmark can measure delivery latency on one machine.
   */
  readonly wallMs?: number;
  readonly samples: readonly { readonly id: string; readonly v: number | null; readonly s: 0 | 1 | 2 | 3 }[];
}

/** How far a prediction can be trusted: its model is loaded, being loaded (or trained), or absent. */
export type PredictionModelStatus = 'ready' | 'loading' | 'missing';

/** An input that pushed a prediction (integrated gradients, signed, in the model's raw output unit). */
export interface PredictionContribution {
  readonly feature: string;
  readonly contribution: number;
}

/** Payload of a `predictions` message: one asset's latest predictions; a task is absent until its model is ready. */
export interface PredictionData {
  readonly asset: string;
  /** Machine profile (pump, cnc, …) or "line". */
  readonly kind: string;
  /** Simulated seconds since the scenario start of the sample the predictions were made on. */
  readonly tS: number;
  readonly status: Readonly<Partial<Record<'rul' | 'failure' | 'anomaly' | 'defects', PredictionModelStatus>>>;
  /** Remaining useful life, hours. */
  readonly rul?: { readonly value: number; readonly explanation: readonly PredictionContribution[] };
  /** Probability of failure within the model's horizon. */
  readonly failureProbability?: { readonly value: number; readonly explanation: readonly PredictionContribution[] };
  /** Reconstruction error over its threshold (> 1: anomalous) and the sensors reconstructed worst. */
  readonly anomaly?: { readonly score: number; readonly anomalous: boolean; readonly topSensors: readonly PredictionContribution[] };
  /** P(≥ 1 defect of a type within a horizon) by output name (e.g. "crack_1h"). */
  readonly defects?: { readonly probabilities: Readonly<Record<string, number>>; readonly explanation: readonly PredictionContribution[] };
}

import { Type, type Static } from 'typebox';
import { AlertChange } from './alerts.ts';
import { KpiSnapshot } from './kpis.ts';
import { PlantEvent } from './plant-events.ts';
import { PredictionData } from './predictions.ts';
import { Recommendation } from './recommendation.ts';
import { SensorsData } from './sensors-frame.ts';
import { StateData } from './state-data.ts';

export { SensorsData } from './sensors-frame.ts';
export { PredictionContribution, PredictionData, PredictionModelStatus, RulPrediction } from './predictions.ts';

/** WebSocket channels. */
export const CHANNELS = ['sensors', 'predictions', 'alerts', 'recommendations', 'quality', 'state', 'events'] as const;
// Spelled out: a union built with `CHANNELS.map(...)` gets an array, not a tuple, and its Static is `never`.
export const Channel = Type.Union([
  Type.Literal('sensors'),
  Type.Literal('predictions'),
  Type.Literal('alerts'),
  Type.Literal('recommendations'),
  Type.Literal('quality'),
  Type.Literal('state'),
  Type.Literal('events'),
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

/** The payload schema of each channel: a publisher can only send what its channel carries. */
export const ChannelPayloadSchemas = {
  sensors: SensorsData,
  predictions: PredictionData,
  /** One lifecycle change of an alert. */
  alerts: AlertChange,
  /** A recommendation as it is after a change of its status. */
  recommendations: Recommendation,
  quality: KpiSnapshot,
  state: StateData,
  /** One plant event as it happens (defect, failure, maintenance, fault onset, setpoint change). */
  events: PlantEvent,
} as const satisfies Record<Channel, unknown>;
export type ChannelPayloads = { [C in Channel]: Static<(typeof ChannelPayloadSchemas)[C]> };

/**
 * A data message: every message on a channel has this shape. `seq` is global across channels and
 * strictly increasing in each connection's stream; gaps are normal (other channels, other assets,
 * sensor frames merged), and loss the client must repair is announced by a `resync`.
 */
export type ChannelMessage<C extends Channel = Channel> = {
  [K in C]: {
    readonly channel: K;
    readonly seq: number;
    /** ISO 8601 UTC simulated time of the data. */
    readonly t: string;
    readonly data: ChannelPayloads[K];
  };
}[C];

/** Control messages have `type` and no `channel`. */
export const ControlMessage = Type.Union([
  Type.Object({ type: Type.Literal('welcome'), protocolVersion: Type.Integer(), seq: Type.Integer(), channels: Type.Immutable(Type.Array(Channel)) }),
  Type.Object({ type: Type.Literal('resync'), reason: Type.String(), seq: Type.Integer() }),
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String() }),
  /**
   * Acknowledges a subscribe or unsubscribe with the connection's channels now subscribed. After a
   * resuming hello, it follows the replayed messages: the client is caught up and live from `seq`.
   */
  Type.Object({ type: Type.Literal('subscribed'), channels: Type.Immutable(Type.Array(Channel)), seq: Type.Integer() }),
]);
export type ControlMessage = Static<typeof ControlMessage>;

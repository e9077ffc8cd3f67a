/**
 * WebSocket fan-out of the live twin. Independent of fastify: it takes `ws` sockets, and the
 * server attaches each socket of its `/ws` route (set ws `maxPayload` to MAX_CLIENT_MESSAGE_BYTES).
 *
 * The client protocol, as the hub implements it:
 * 1. client → `hello {protocolVersion, lastSeq?}`; server → `welcome {protocolVersion, seq, channels}`.
 *    Another protocol version → `error TWIN_ERR_WS_PROTOCOL_VERSION`, then close 4001 with the reason.
 *    Nothing else is accepted before hello (`error TWIN_ERR_WS_HELLO_REQUIRED`); no hello within
 *    `helloTimeoutMs` → close 1008.
 * 2. client → `subscribe {channels, assets?, maxRateHz?}`: for each listed channel, sets its asset
 *    filter (all assets when absent) and, with `sensors`, the rate (every frame when absent),
 *    replacing an earlier subscription of that channel. `unsubscribe {channels}` removes channels.
 *    Both are acknowledged by `subscribed {channels, seq}`: all channels now subscribed.
 * 3. Resume: a hello with `lastSeq` makes the FIRST subscribe replay, before its `subscribed`, the
 *    buffered messages with seq > lastSeq on the subscribed channels and assets, in order (sensor
 *    frames merged when the socket is backed up). The replay waits for the subscribe because only
 *    then does the hub know what the client wants; nothing is missed meanwhile, since the replay
 *    comes from the same buffer as live data. If lastSeq is older than the buffer, or ahead of
 *    this server (it restarted), the client gets `resync {reason, seq}` instead: re-read state over
 *    REST, then carry on with the stream.
 * 4. Data: `{channel, seq, t, data}` with seq strictly increasing per connection. Sensors are
 *    never queued behind: a client that cannot keep up gets the latest value per sensor in one
 *    merged frame. Other channels queue (maxQueue); on overflow quality then predictions shed their
 *    oldest; if an event (recommendations, state, events, alerts) would have to go, the backlog is dropped
 *    and `resync {seq}` tells the client that everything up to seq must be re-read over REST.
 * 5. Bad messages get `error {code, message}` and the connection stays; a message over the size
 *    limit, or a burst of bad ones, closes it (1009 / 1008). The server pings every
 *    `pingIntervalMs` and terminates a client that has not ponged within `pongTimeoutMs`.
 */
export { WsHub, type ChannelData, type WsClientHandle } from './hub.ts';
export { MAX_CLIENT_MESSAGE_BYTES, type WsHubOptions } from './hub-options.ts';
export type { WsHubMetrics } from './metrics.ts';
export type { WsClientStats } from './connection.ts';
export { DROP_ORDER, SNAPSHOT_CHANNELS, type DropReason } from './channel-policy.ts';
export * from './errors.ts';

import mqtt, { type MqttClient } from 'mqtt';
import { Subject, type Observable } from 'rxjs';
import type { LiveSample, LiveSource, LiveSourceStatus } from './live-source.ts';
import { topicFilter } from './topics.ts';
import { checkSampleMessage, type SampleContext } from './validate-sample.ts';

export interface MqttSourceOptions {
  /** e.g. mqtt://127.0.0.1:1883 (the server passes MQTT_URL in; this module never reads the environment). */
  readonly url: string;
  /** Fixed client id: with a persistent session the broker queues QoS 1 messages for it while it is away. */
  readonly clientId: string;
  /** Topic prefix (default "plant"): samples arrive on `<prefix>/<asset>/<parameter_name>`. */
  readonly topicPrefix?: string;
  readonly username?: string;
  readonly password?: string;
  /** Reconnect backoff: first delay, doubled per failed attempt up to the maximum. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly connectTimeoutMs?: number;
  /** How many recent rejections to keep for status reports. */
  readonly keepRejections?: number;
  /** The plant's sensors and the twin's clock: messages are checked against them (validate-sample.ts). */
  readonly context?: SampleContext;
  /** Told of every rejected message (the composition root logs them, rate-limited). */
  readonly onReject?: (rejection: Rejection) => void;
}

/** A refused message and why. */
export interface Rejection {
  readonly topic: string;
  readonly reason: string;
}

/**
 * LiveSource over MQTT: subscribes to `<prefix>/+/+` at QoS 1 with a persistent session
 * (clean: false, fixed clientId), so the broker keeps queuing while the connection is down and
 * nothing is lost across a reconnect. Every payload is validated (checkSampleMessage); bad ones
 * are counted and reported, never thrown. Redeliveries (QoS 1 is at-least-once) and samples older
 * than the last one of the same sensor are dropped as duplicates.
 */
export class MqttSource implements LiveSource {
  private readonly subject = new Subject<LiveSample>();
  readonly samples$: Observable<LiveSample> = this.subject.asObservable();
  private readonly opts: Required<Omit<MqttSourceOptions, 'username' | 'password' | 'context' | 'onReject'>> & Pick<MqttSourceOptions, 'username' | 'password' | 'context' | 'onReject'>;
  private client: MqttClient | null = null;
  private connected = false;
  private stopping = false;
  private received = 0;
  private accepted = 0;
  private rejected = 0;
  private duplicates = 0;
  private reconnects = 0;
  private lastError: string | null = null;
  private delayMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly lastTimeMs = new Map<string, number>();
  private readonly recent: Rejection[] = [];

  constructor(options: MqttSourceOptions) {
    this.opts = {
      topicPrefix: 'plant',
      reconnectMinMs: 250,
      reconnectMaxMs: 30_000,
      connectTimeoutMs: 10_000,
      keepRejections: 20,
      ...options,
    };
    this.delayMs = this.opts.reconnectMinMs;
  }

  status(): LiveSourceStatus {
    return {
      connected: this.connected,
      received: this.received,
      accepted: this.accepted,
      rejected: this.rejected,
      duplicates: this.duplicates,
      reconnects: this.reconnects,
      lastError: this.lastError,
    };
  }

  /** The most recent rejected messages, oldest first. */
  rejections(): readonly Rejection[] {
    return this.recent;
  }

  /** The underlying client (tests force a dropped connection with `client.stream.destroy()`). */
  get mqttClient(): MqttClient | null {
    return this.client;
  }

  /** Connects and subscribes; resolves on the first connection (rejects if none within connectTimeoutMs). */
  start(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.stopping = false;
    const o = this.opts;
    const client = mqtt.connect(o.url, {
      clientId: o.clientId,
      clean: false,
      // Reconnects are ours (exponential backoff); mqtt.js would retry at a fixed period.
      reconnectPeriod: 0,
      connectTimeout: o.connectTimeoutMs,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (err) => {
      this.lastError = err.message;
    });
    client.on('close', () => {
      this.connected = false;
      this.scheduleReconnect();
    });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`MQTT: no connection to ${o.url} within ${o.connectTimeoutMs} ms (${this.lastError ?? 'no answer'})`)), o.connectTimeoutMs);
      client.on('connect', (connack) => {
        this.connected = true;
        this.lastError = null;
        this.delayMs = o.reconnectMinMs;
        // A present session still holds our subscription (and the messages queued for it).
        if (!connack.sessionPresent) {
          client.subscribe(topicFilter(o.topicPrefix), { qos: 1 }, (err) => {
            if (err) this.lastError = `subscribe: ${err.message}`;
            clearTimeout(timer);
            if (err) reject(err);
            else resolve();
          });
        } else {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** Disconnects cleanly; the broker keeps the session, so a later start() receives what was queued meanwhile. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) await client.endAsync();
  }

  private scheduleReconnect(): void {
    const client = this.client;
    if (this.stopping || !client || this.retryTimer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.opts.reconnectMaxMs, this.delayMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopping || this.client !== client) return;
      this.reconnects++;
      client.reconnect();
    }, delay);
  }

  private onMessage(topic: string, payload: Buffer): void {
    this.received++;
    const checked = checkSampleMessage(topic, payload, this.opts.topicPrefix, this.opts.context);
    if (!checked.ok) {
      this.rejected++;
      this.lastError = `rejected ${topic}: ${checked.reason}`;
      this.opts.onReject?.({ topic, reason: checked.reason });
      this.recent.push({ topic, reason: checked.reason });
      if (this.recent.length > this.opts.keepRejections) this.recent.shift();
      return;
    }
    const s = checked.sample;
    const last = this.lastTimeMs.get(s.sensor_id);
    if (last !== undefined && s.timeMs <= last) {
      this.duplicates++;
      return;
    }
    this.lastTimeMs.set(s.sensor_id, s.timeMs);
    this.accepted++;
    this.subject.next(s);
  }
}

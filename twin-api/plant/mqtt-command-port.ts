/**
 * The plant command port over MQTT (when MQTT_URL is set). A command is published at QoS 1 and is
 * acknowledged when the plant echoes it on the matching state topic; topics and payloads are in
 * twin-api/plant/README.md. Command topics have four or five levels, so they never match the sample
 * subscription `<prefix>/+/+` of the shadow source.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { ForwardedCommand, PlantAck, PlantCommandPort } from '../../commands/index.ts';
import { parseEcho, type PlantEcho } from './mqtt-command-echo.ts';

export interface MqttCommandPortOptions {
  /** e.g. mqtt://127.0.0.1:1883 (passed in by the composition root; this module reads no environment). */
  readonly url: string;
  readonly clientId: string;
  /** Topic prefix (default "plant"), as for the samples. */
  readonly topicPrefix?: string;
  /** How long to wait for the plant's echo before reporting `timeout` (default 5 s). */
  readonly ackTimeoutMs?: number;
  readonly username?: string;
  readonly password?: string;
  /** Wall clock for acknowledgement times (injected for tests). */
  readonly now?: () => number;
}

export interface MqttCommandPortStatus {
  readonly connected: boolean;
  readonly published: number;
  readonly acknowledged: number;
  readonly rejected: number;
  readonly timedOut: number;
  /** Echo messages that could not be read (bad JSON, missing fields). */
  readonly badEchoes: number;
  readonly lastError: string | null;
}

interface Pending {
  readonly command: ForwardedCommand;
  readonly topic: string;
  readonly resolve: (ack: PlantAck) => void;
  readonly timer: NodeJS.Timeout;
}

/** `<prefix>/<asset>/setpoints/<name>` or `<prefix>/<asset>/maintenance`; `/set` and `/state` are appended. */
export function commandTopic(command: ForwardedCommand, prefix = 'plant'): string {
  const c = command.command;
  if (c.kind === 'maintenance') return `${prefix}/${command.asset}/maintenance`;
  const name = c.setpoint.startsWith(`${command.asset}.`) ? c.setpoint.slice(command.asset.length + 1) : c.setpoint;
  return `${prefix}/${command.asset}/setpoints/${name}`;
}

/** The documented JSON payload of a command (snake_case, like the sample messages). */
export function commandPayload(command: ForwardedCommand): Record<string, unknown> {
  const c = command.command;
  const common = { command_id: command.id, origin: command.origin, actor: command.actor, issued_at: new Date(command.issuedAtMs).toISOString() };
  return c.kind === 'setpoint' ? { ...common, setpoint: c.setpoint, value: c.value, unit: command.unit } : { ...common, asset: c.target, kind: 'maintenance' };
}

export class MqttCommandPort implements PlantCommandPort {
  readonly name = 'mqtt';
  private readonly opts: Required<Omit<MqttCommandPortOptions, 'username' | 'password'>> & Pick<MqttCommandPortOptions, 'username' | 'password'>;
  private client: MqttClient | null = null;
  private readonly pending = new Map<string, Pending>();
  private counts = { published: 0, acknowledged: 0, rejected: 0, timedOut: 0, badEchoes: 0 };
  private lastError: string | null = null;

  constructor(options: MqttCommandPortOptions) {
    this.opts = { topicPrefix: 'plant', ackTimeoutMs: 5000, now: Date.now, ...options };
  }

  status(): MqttCommandPortStatus {
    return { connected: this.client?.connected ?? false, ...this.counts, lastError: this.lastError };
  }

  /**
   * Connects in the background and keeps reconnecting (mqtt.js, every second): a broker that is
   * away at start does not stop the server, commands meanwhile are answered `unavailable`.
   * Resolves once connected and subscribed, or after `waitMs` (default 0: at once).
   */
  async start(waitMs = 0): Promise<void> {
    if (this.client) return;
    const o = this.opts;
    const client = mqtt.connect(o.url, {
      clientId: o.clientId,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
    });
    this.client = client;
    client.on('error', (err) => {
      this.lastError = err.message;
    });
    client.on('message', (topic, payload) => this.onEcho(topic, payload));
    const subscribed = new Promise<void>((resolve) => {
      client.on('connect', () => {
        this.lastError = null;
        client.subscribe([`${o.topicPrefix}/+/setpoints/+/state`, `${o.topicPrefix}/+/maintenance/state`], { qos: 1 }, (err) => {
          if (err) this.lastError = `subscribe: ${err.message}`;
          resolve();
        });
      });
    });
    if (waitMs > 0) await Promise.race([subscribed, new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  async forward(command: ForwardedCommand): Promise<PlantAck> {
    const client = this.client;
    if (!client?.connected) return { status: 'unavailable', reason: `MQTT broker ${this.opts.url} not connected${this.lastError ? ` (${this.lastError})` : ''}` };
    const topic = commandTopic(command, this.opts.topicPrefix);
    const acked = new Promise<PlantAck>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(command.id);
        this.counts.timedOut++;
        resolve({ status: 'timeout', afterMs: this.opts.ackTimeoutMs });
      }, this.opts.ackTimeoutMs);
      this.pending.set(command.id, { command, topic, resolve, timer });
    });
    try {
      await client.publishAsync(`${topic}/set`, JSON.stringify(commandPayload(command)), { qos: 1 });
      this.counts.published++;
    } catch (err) {
      this.settle(command.id, { status: 'unavailable', reason: `publish failed: ${(err as Error).message}` });
    }
    return acked;
  }

  /** Disconnects; commands still waiting are answered `unavailable`. */
  async stop(): Promise<void> {
    for (const id of [...this.pending.keys()]) this.settle(id, { status: 'unavailable', reason: 'the server is stopping' });
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
  }

  private onEcho(topic: string, payload: Buffer): void {
    const echo = parseEcho(topic, payload, this.opts.topicPrefix);
    if (!echo.ok) {
      this.counts.badEchoes++;
      this.lastError = `ignored ${topic}: ${echo.reason}`;
      return;
    }
    const match = this.match(topic.slice(0, -'/state'.length), echo.echo);
    if (!match) return; // an echo of a change made at the plant itself, or of a command already settled
    const e = echo.echo;
    const atMs = this.opts.now();
    if (e.rejected !== null) this.settle(match.command.id, { status: 'rejected', atMs, reason: e.rejected });
    else this.settle(match.command.id, { status: 'acknowledged', atMs, value: e.target });
  }

  /** The pending command an echo answers: by its command id, or a setpoint echo whose target equals the value sent. */
  private match(baseTopic: string, echo: PlantEcho): Pending | undefined {
    if (echo.commandId !== null) return this.pending.get(echo.commandId);
    for (const p of this.pending.values()) {
      const c = p.command.command;
      if (p.topic !== baseTopic || c.kind !== 'setpoint' || echo.target === null) continue;
      if (Math.abs(echo.target - c.value) <= 1e-9 * Math.max(1, Math.abs(c.value))) return p;
    }
    return undefined;
  }

  private settle(id: string, ack: PlantAck): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (ack.status === 'acknowledged') this.counts.acknowledged++;
    if (ack.status === 'rejected') this.counts.rejected++;
    p.resolve(ack);
  }
}

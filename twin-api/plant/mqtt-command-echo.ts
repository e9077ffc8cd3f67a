/** Reads the plant's echo of a command (MQTT state topics, twin-api/plant/README.md); never throws. */

/** What the plant says about a command: its target now (setpoints), or why it refused. */
export interface PlantEcho {
  /** The command it answers; null when the plant echoes a setpoint's target without one. */
  readonly commandId: string | null;
  /** The plant's target after the change (setpoint echoes); null for maintenance. */
  readonly target: number | null;
  /** The plant's reason for refusing, or null. */
  readonly rejected: string | null;
}

export type EchoCheck = { readonly ok: true; readonly echo: PlantEcho } | { readonly ok: false; readonly reason: string };

const MAX_TEXT = 500;

export function parseEcho(topic: string, payload: Buffer, prefix = 'plant'): EchoCheck {
  const parts = topic.split('/');
  const isSetpoint = parts.length === 5 && parts[0] === prefix && parts[2] === 'setpoints' && parts[4] === 'state';
  const isMaintenance = parts.length === 4 && parts[0] === prefix && parts[2] === 'maintenance' && parts[3] === 'state';
  if (!isSetpoint && !isMaintenance) return { ok: false, reason: 'not a command state topic' };
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'payload must be a JSON object' };
  const b = body as Record<string, unknown>;
  const id = b['command_id'];
  if (id !== undefined && (typeof id !== 'string' || id.length === 0 || id.length > MAX_TEXT)) return { ok: false, reason: 'command_id must be a non-empty string' };
  const rejected = b['rejected'];
  if (rejected !== undefined && (typeof rejected !== 'string' || rejected.length > MAX_TEXT)) return { ok: false, reason: 'rejected must be a string (the reason)' };
  const target = b['target'];
  if (isSetpoint && rejected === undefined && (typeof target !== 'number' || !Number.isFinite(target))) return { ok: false, reason: 'target must be a finite number' };
  if (isMaintenance && id === undefined) return { ok: false, reason: 'a maintenance echo needs its command_id' };
  return {
    ok: true,
    echo: { commandId: (id as string | undefined) ?? null, target: typeof target === 'number' && Number.isFinite(target) ? target : null, rejected: (rejected as string | undefined) ?? null },
  };
}

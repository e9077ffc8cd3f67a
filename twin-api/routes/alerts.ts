import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import { ALERT_STATES, SEVERITIES, type AlertState, type Severity } from '../../monitor/alerts/alert.ts';
import { AlertSettingsSchema } from '../../monitor/alerts/alert-settings-schema.ts';
import { badRequest, parseTime } from '../errors.ts';
import { toAlertView } from '../store/alert-restore.ts';
import type { AlertStore } from '../store/alert-store.ts';
import type { SettingsStore } from '../store/settings-store.ts';
import { AlertSettings } from '../../protocol/alert-settings.ts';
import { AlertList, AlertView } from '../../protocol/alerts.ts';
import { Text } from '../../protocol/text.ts';
import { mapDomainErrors } from './domain-errors.ts';
import { responses } from './responses.ts';

const ListQuery = Type.Object(
  {
    severity: Type.Optional(Text({ maxLength: 100, description: 'comma-separated: CRITICAL,HIGH,MEDIUM,LOW' })),
    state: Type.Optional(Text({ maxLength: 100, description: 'comma-separated: active,acknowledged,cleared,dismissed' })),
    acknowledged: Type.Optional(Type.Boolean()),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Text({ minLength: 1, maxLength: 100 }) });
/** Acknowledging takes nothing but the alert: a body, if sent, must be empty (the audit log stores it). */
const AcknowledgeBody = Type.Object({}, { additionalProperties: false });
const DismissBody = Type.Object({ justification: Text({ minLength: 10, maxLength: 2000, description: 'why the alert needs no action' }) }, { additionalProperties: false });
/** Most stored alerts one list adds to the engine's own (which keeps only its recent ones). */
const STORED_LIMIT = 1000;

function listOf<T extends string>(text: string | undefined, allowed: readonly T[], field: string): T[] | undefined {
  if (!text) return undefined;
  const items = text.split(',').map((s) => s.trim());
  for (const i of items) if (!allowed.includes(i as T)) throw badRequest(`${field}: "${i}" is not one of ${allowed.join(', ')}`);
  return items as T[];
}

/**
 * Alerts: list with filters, acknowledge, dismiss with a justification, and threshold settings
 * (persisted). Operator changes are published by the AlertFeed from the engine's changes$, not here.
 */
export function alertRoutes(alerts: AlertEngine, store: (AlertStore & SettingsStore) | null) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const operator = requireRole(ctx.auth, 'operator');
    app.get('/api/alerts', { onRequest: viewer, schema: { tags: ['alerts'], summary: 'Alerts, newest first, with filters', querystring: ListQuery, response: responses(AlertList, 'Alerts, newest first') } }, async (req) => {
      const q = req.query as { severity?: string; state?: string; acknowledged?: boolean; from?: string; to?: string };
      const severities = listOf<Severity>(q.severity, SEVERITIES, 'severity');
      const states = listOf<AlertState>(q.state, ALERT_STATES, 'state');
      const fromMs = q.from ? parseTime(q.from, 'from') : -Infinity;
      const toMs = q.to ? parseTime(q.to, 'to') : Infinity;
      // The engine's alerts are the freshest; the store adds those it no longer keeps (before a restart, or older).
      const live = alerts.list(states ? { states } : {});
      const known = new Set(live.map((a) => a.id));
      const stored = store
        ? (await store.listAlerts({ ...(states ? { states } : {}), ...(severities ? { severities } : {}), ...(Number.isFinite(fromMs) ? { fromMs } : {}), ...(Number.isFinite(toMs) ? { toMs } : {}), limit: STORED_LIMIT }))
            .filter((a) => !known.has(a.id))
            .map(toAlertView)
        : [];
      const list = [...live, ...stored]
        .filter((a) => !severities || severities.includes(a.severity))
        .filter((a) => q.acknowledged === undefined || (a.acknowledgedBy !== null) === q.acknowledged)
        .filter((a) => Date.parse(a.openedAt) >= fromMs && Date.parse(a.openedAt) < toMs)
        .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt));
      return ok(list);
    });
    const act = (fn: (id: string, actor: string, body: { justification?: string }) => ReturnType<AlertEngine['acknowledge']>) =>
      mapDomainErrors(async (req: { params: unknown; body: unknown; principal?: { actor: string } }) => {
        const change = fn((req.params as { id: string }).id, req.principal!.actor, (req.body ?? {}) as { justification?: string });
        return ok(change.alert);
      });
    app.post(
      '/api/alerts/:id/acknowledge',
      {
        onRequest: operator,
        // A bare POST acknowledges; a body is optional.
        preValidation: async (req) => {
          req.body ??= {};
        },
        schema: { tags: ['alerts'], summary: 'Acknowledge an alert', params: IdParams, body: AcknowledgeBody, response: responses(AlertView, 'The alert, acknowledged') },
      }, act((id, actor) => alerts.acknowledge(id, actor)));
    app.post('/api/alerts/:id/dismiss', { onRequest: operator, schema: { tags: ['alerts'], summary: 'Dismiss an alert with a justification', params: IdParams, body: DismissBody, response: responses(AlertView, 'The alert, dismissed') } }, act((id, actor, body) => alerts.dismiss(id, actor, body.justification ?? '')));
    app.get('/api/settings/alerts', { onRequest: viewer, schema: { tags: ['alerts'], summary: 'Alert thresholds and rules in force', response: responses(AlertSettings, 'The settings in force, every default filled in') } }, async () => ok(alerts.settings));
    app.put('/api/settings/alerts', {
      onRequest: requireRole(ctx.auth, ['engineer']),
      // A bare PUT puts every default back, as an empty object does.
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: { tags: ['alerts'], summary: 'Replace alert thresholds and rules (persisted); what is left out takes its default', body: AlertSettingsSchema, response: responses(AlertSettings, 'The settings now in force') } }, mapDomainErrors(async (req) => {
      const settings = alerts.configure(req.body ?? {});
      await store?.putSetting('alerts', settings, req.principal!.actor);
      return ok(settings);
    }));
  };
}

/** The REST and WebSocket app over the twin's services: every route plugin, audited writes, the viewer. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { alertRoutes } from '../routes/alerts.ts';
import { auditRoutes } from '../routes/audit.ts';
import { healthRoutes, type HealthDeps } from '../routes/health.ts';
import { historyRoutes } from '../routes/history.ts';
import { kpiRoutes } from '../routes/kpis.ts';
import { meRoutes } from '../routes/me.ts';
import { modelRoutes } from '../routes/models.ts';
import { plantRoutes } from '../routes/plant.ts';
import { predictionRoutes } from '../routes/predictions.ts';
import { sessionRoutes } from '../routes/sessions.ts';
import { shadowRoutes } from '../routes/shadow.ts';
import { viewerFallback, viewerRoutes } from '../routes/viewer.ts';
import { whatIfRoutes } from '../routes/what-if.ts';
import { rlAgentRoutes } from '../routes/rl-agent.ts';
import { knowledgeRoutes } from '../routes/knowledge.ts';
import { maintenanceRoutes } from '../routes/maintenance.ts';
import { copilotRoutes } from '../routes/copilot.ts';
import type { Copilot } from '../../copilot/copilot.ts';
import type { MaintenanceService } from '../maintenance/maintenance-service.ts';
import type { KnowledgeQueries } from '../knowledge/knowledge-queries.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { OptimizerService } from '../rl/optimizer-service.ts';
import { wsRoutes } from '../routes/ws.ts';
import type { PlantCommands } from '../../commands/index.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';
import type { KpiTracker } from '../../monitor/kpis/kpi-tracker.ts';
import type { ShadowTracker } from '../../monitor/shadow/shadow-tracker.ts';
import type { LiveTwin } from '../live/live-twin.ts';
import type { Metrics } from '../metrics.ts';
import type { DriftFeed } from '../predictions/drift-feed.ts';
import type { ModelService } from '../predictions/model-service.ts';
import type { PredictionsFeed } from '../predictions/predictions-feed.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import type { LiveSource } from '../shadow/live-source.ts';
import type { AuditWriter } from '../store/audit-writer.ts';
import type { HistoryStore } from '../store/history-store.ts';
import type { WhatIfService } from '../what-if/service.ts';
import type { WsHub } from '../ws/hub.ts';
import type { StartupPhases } from './startup-phases.ts';
import type { TwinServicesConfig } from './twin-services-config.ts';

/** The services the routes serve. */
export interface TwinAppDeps {
  readonly config: Pick<TwinServicesConfig, 'auth' | 'mqtt' | 'viewerDist' | 'requestLog' | 'strictResponses'>;
  readonly twin: LiveTwin;
  readonly metrics: Metrics;
  readonly store: HistoryStore;
  /** The audit log's ordered, retrying write path (store/audit-writer.ts). */
  readonly audit: AuditWriter;
  readonly hub: WsHub;
  readonly alerts: AlertEngine;
  readonly kpis: KpiTracker;
  readonly source: LiveSource;
  readonly tracker: ShadowTracker;
  readonly commands: PlantCommands;
  readonly whatIf: WhatIfService;
  readonly models: ModelService;
  readonly drift: DriftFeed;
  readonly predictions: PredictionsFeed;
  readonly sessions: SessionManager;
  readonly optimizer: OptimizerService;
  readonly knowledge: KnowledgeService;
  readonly knowledgeQueries: KnowledgeQueries;
  readonly maintenance: MaintenanceService;
  readonly copilot: Copilot;
}

export async function buildTwinApp(s: TwinAppDeps, extra: { database: HealthDeps['database']; plant: NonNullable<HealthDeps['plant']>; monitors?: HealthDeps['monitors']; storage?: HealthDeps['storage']; log: (msg: string) => void; startup?: StartupPhases }): Promise<FastifyInstance> {
  const { config, twin, store } = s;
  const dist = config.viewerDist;
  return buildApp({
    auth: config.auth,
    ...(config.requestLog ? { log: config.requestLog } : {}),
    ...(config.strictResponses ? { strictResponses: true } : {}),
    ...(dist ? { notFoundFallback: viewerFallback(dist) } : {}),
    // Awaited before the response is sent: a write the API acknowledged has its audit entry stored or
    // queued in order for retry; a full queue (the database away for long) rejects, and the caller gets 503.
    audit: async (e) => {
      await s.audit.appendAudit({ atMs: Date.parse(e.at), actor: e.actor, role: e.role, action: e.action, target: e.target, detail: e.detail }).catch((err: Error) => {
        extra.log(`audit write failed: ${err.message}`);
        throw err;
      });
    },
    routes: [
      healthRoutes({ twin, metrics: s.metrics, database: extra.database, models: () => s.models.status(), plant: extra.plant, ...(extra.storage ? { storage: extra.storage } : {}), ...(extra.startup ? { startup: extra.startup } : {}), ...(extra.monitors ? { monitors: extra.monitors } : {}) }),
      plantRoutes(twin, s.commands),
      historyRoutes(twin, store),
      alertRoutes(s.alerts, store),
      auditRoutes(store),
      kpiRoutes(s.kpis),
      shadowRoutes(s.tracker, s.source, config.mqtt ? 'mqtt' : 'engine'),
      wsRoutes(s.hub),
      whatIfRoutes(twin, s.whatIf),
      rlAgentRoutes(s.optimizer, s.sessions),
      knowledgeRoutes({ knowledge: s.knowledge, queries: s.knowledgeQueries, now: () => twin.engine.isoAt() }),
      maintenanceRoutes(s.maintenance),
      copilotRoutes(s.copilot),
      sessionRoutes(s.sessions, store),
      predictionRoutes(() => s.predictions, store),
      modelRoutes(s.models, { drift: () => s.drift.reports(), store }),
      meRoutes(),
      ...(dist ? [viewerRoutes(dist)] : []),
    ],
  });
}

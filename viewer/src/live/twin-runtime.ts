import { createStore, type StoreApi } from 'zustand/vanilla';
import { CHANNELS } from '../../../protocol/ws.ts';
import { loadApiKey, saveApiKey, wsProtocols } from '../api/api-key.ts';
import { ApiCallError, createRestClient, type RestClient } from '../api/rest-client.ts';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { Health, Me } from '../../../protocol/health.ts';
import { monitorsOff } from './monitors-off.ts';
import type { KpiSnapshot } from '../../../protocol/kpis.ts';
import type { ModelsView } from '../../../protocol/models.ts';
import type { LatestSnapshot, Topology } from '../../../protocol/plant.ts';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import type { SessionView } from '../../../protocol/sessions.ts';
import type { DefectEvent } from '../../../protocol/plant-events.ts';
import { predictionsOf } from './prediction.ts';
import { alertsById, readingsFromLatest } from './apply-message.ts';
import { mergeDefects, RECENT_DEFECTS_PATH } from './recent-defects.ts';
import { mergeRecommendations } from './recommendations.ts';
import { loadSettings, saveSettings, type ViewerSettings } from './settings.ts';
import { createTwinStore, receive, setConnection, type TwinStore } from './twin-store.ts';
import { LiveClient } from './ws-client.ts';

/** The viewer's live wiring: store, REST client, WebSocket client and settings. */
export interface TwinRuntime {
  readonly store: TwinStore;
  readonly settings: StoreApi<ViewerSettings>;
  readonly rest: RestClient;
  /** Refetches the REST view (topology once, then latest, alerts, KPIs, sessions, health). */
  refetch(): Promise<void>;
  setApiKey(key: string | null): void;
  updateSettings(change: Partial<ViewerSettings>): void;
  stop(): void;
}

/** Alerts the panel shows: open ones and those still being handled. */
const ALERT_QUERY = '/api/alerts?state=active,acknowledged';

/** Starts the runtime against the page's own origin. */
export function startTwinRuntime(origin: string = globalThis.location?.origin ?? 'http://127.0.0.1:8080'): TwinRuntime {
  const store: TwinStore = createTwinStore();
  const settings = createStore<ViewerSettings>()(() => loadSettings());
  let apiKey = loadApiKey();
  const rest = createRestClient({
    getKey: () => apiKey,
    onUnauthorized: () => {
      store.setState({ needsApiKey: true });
      setConnection(store, { status: 'unauthorized', detail: 'an API key is needed' });
    },
  });

  async function refetch(): Promise<void> {
    try {
      const topology = store.getState().topology ?? (await rest.get<Topology>('/api/plant/topology'));
      const [latest, alerts, kpis, sessions, health, predictions, models, defects, recommendations, me] = await Promise.all([
        rest.get<LatestSnapshot>('/api/plant/latest'),
        rest.get<AlertView[]>(ALERT_QUERY),
        rest.get<KpiSnapshot>('/api/kpis'),
        rest.get<SessionView[]>('/api/sessions'),
        rest.get<Health>('/api/health'),
        // Predictions come every sample tick (10 simulated minutes): without this a new page waits for one.
        rest.get<unknown[]>('/api/predictions').catch(() => []),
        // The registry gives the held-out quality of the models in service (the accuracy card).
        rest.get<ModelsView>('/api/models').catch(() => null),
        // Defects come live on the `events` channel; this fills what was missed while away.
        rest.get<DefectEvent[]>(RECENT_DEFECTS_PATH).catch(() => []),
        // The optimizer's book: open proposals and the recent history; changes come on `recommendations`.
        rest.get<Recommendation[]>('/api/rl-agent/recommendations').catch(() => null),
        // The role decides which of the optimizer's buttons the panel shows (the server checks again).
        rest.get<Me>('/api/me').catch(() => null),
      ]);
      store.setState((s) => ({
        topology,
        readings: { ...s.readings, ...readingsFromLatest(latest) },
        simTime: s.simTime && s.simTime > latest.t ? s.simTime : latest.t,
        alerts: alertsById(alerts),
        kpis,
        sessions: Object.fromEntries(sessions.map((v) => [v.id, v])),
        modelStatus: health.models.status,
        monitorsOff: monitorsOff(health),
        ...(models ? { models, trainingJob: models.job ?? (s.trainingJob?.state === 'running' ? null : s.trainingJob) } : {}),
        predictions: { ...s.predictions, ...Object.fromEntries(predictionsOf(predictions, latest.t).map((p) => [p.asset, p])) },
        recentDefects: mergeDefects(s.recentDefects, defects),
        ...(recommendations ? { recommendations: mergeRecommendations(s.recommendations, recommendations) } : {}),
        me,
        simSpeed: typeof health.engine.speed === 'number' ? health.engine.speed : 0,
        needsApiKey: false,
      }));
    } catch (err) {
      if (!(err instanceof ApiCallError) || err.status !== 401) setConnection(store, { detail: (err as Error).message });
    }
  }

  const wsUrl = () => `${origin.replace(/^http/, 'ws')}/ws`;
  const live = new LiveClient({
    url: wsUrl,
    protocols: () => wsProtocols(apiKey),
    channels: CHANNELS,
    maxRateHz: () => settings.getState().updateRateHz,
    lastSeq: () => store.getState().connection.lastSeq,
    onMessage: (m) => {
      const wasLive = store.getState().connection.status === 'live';
      if (receive(store, m)) void refetch();
      // Back from a reconnect: REST fills in what the replay cannot (e.g. the topology on a first start).
      else if (!wasLive && 'type' in m && m.type === 'subscribed' && store.getState().topology === null) void refetch();
    },
    onConnection: (change) => setConnection(store, change),
    // The browser hides the upgrade's status: a REST probe tells a missing key from a server that is down.
    onHandshakeFailed: () => void rest.get('/api/plant/topology').catch(() => {}),
  });

  void refetch();
  live.start();
  // KPIs arrive once a simulated minute and the registry is not streamed (only training progress is): poll slowly.
  const healthTimer = setInterval(() => {
    rest.get<Health>('/api/health').then((h) => store.setState({ modelStatus: h.models.status, monitorsOff: monitorsOff(h) }), () => {});
    rest.get<ModelsView>('/api/models').then((models) => store.setState({ models }), () => {});
  }, 30_000);

  return {
    store,
    settings,
    rest,
    refetch,
    setApiKey(key) {
      apiKey = key && key.trim() ? key.trim() : null;
      saveApiKey(apiKey);
      // Another key may be another role: offer nothing until /api/me answers for it.
      store.setState({ needsApiKey: false, me: null });
      setConnection(store, { status: 'connecting', detail: null });
      void refetch();
      live.reconnectNow();
    },
    updateSettings(change) {
      const before = settings.getState();
      settings.setState(change);
      saveSettings(settings.getState());
      if (change.updateRateHz !== undefined && change.updateRateHz !== before.updateRateHz) live.resubscribe();
    },
    stop() {
      clearInterval(healthTimer);
      live.stop();
    },
  };
}

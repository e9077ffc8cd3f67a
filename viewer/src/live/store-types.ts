import type { AlertView } from '../../../protocol/alerts.ts';
import type { KpiSnapshot } from '../../../protocol/kpis.ts';
import type { ModelsView, TrainingJobView } from '../../../protocol/models.ts';
import type { Topology } from '../../../protocol/plant.ts';
import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';
import type { PredictionModelStatus } from '../../../protocol/ws.ts';
import type { DefectEvent } from '../../../protocol/plant-events.ts';
import type { Recommendation } from '../../../protocol/recommendation.ts';
import type { Me } from '../../../protocol/health.ts';

/** live: receiving; connecting: first connection; reconnecting: lost, retrying; unauthorized: key needed; incompatible: other protocol. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'incompatible';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Failed attempts since the last successful connection. */
  readonly attempt: number;
  /** Wall-clock ms of the next retry while reconnecting. */
  readonly retryAtMs: number | null;
  /** Last channel `seq` applied: sent in hello to resume after a reconnect. */
  readonly lastSeq: number;
  /** Resyncs so far (the server could not replay what was missed; REST refetched). */
  readonly resyncs: number;
  readonly detail: string | null;
}

/** Latest value (null: dropped out) and status (0 OK … 3 CRITICAL) of one sensor. */
export interface SensorReading {
  readonly v: number | null;
  readonly s: 0 | 1 | 2 | 3;
}

/**
 * Remaining useful life as the model can say it (protocol RulPrediction, without the explanation):
 * a point estimate in hours, or censored at the cap the model was trained with ("more than capH").
 */
export type RulView =
  | { readonly kind: 'estimate'; readonly hours: number; readonly capH?: number }
  | { readonly kind: 'at-least'; readonly hours: number; readonly capH: number };

/** A model's view of one machine (the `predictions` channel; empty until ml/ is deployed). */
export interface Prediction {
  readonly asset: string;
  readonly t: string;
  /** Remaining useful life, hours: an estimate or a lower bound (protocol PredictionData.rul); null: no RUL model. */
  readonly rul: RulView | null;
  readonly failureProbability: number | null;
  readonly anomalyScore: number | null;
  readonly topInputs: readonly { readonly name: string; readonly weight: number }[];
  readonly model: string | null;
  /** Fraction of recent predictions that came true, when the model reports it. */
  readonly accuracy: number | null;
  /** Per task (rul, failure, anomaly, defects): ready, loading (being trained) or missing. */
  readonly status: Readonly<Partial<Record<string, PredictionModelStatus>>>;
  /** Lines: P(≥ 1 defect of a type within a horizon) by output name, e.g. "crack_1h". */
  readonly defectRisk: Readonly<Record<string, number>>;
}

/** The branch action as the trainer types it (the replay panel's form; the inspector fills it during a replay). */
export interface BranchDraft {
  /** Setpoint id, e.g. "Line_A.furnace_temp"; "" branches without a change. */
  readonly setpoint: string;
  readonly value: string;
  /** When the change applies, after the branch point: seconds or a duration such as "5m" ("" = at once). */
  readonly offset: string;
}

/** Everything the viewer knows of the twin; React and three.js select slices of it. */
export interface TwinState {
  readonly connection: ConnectionState;
  /** Simulated time of the last data, ISO 8601 (the "now" for relative times). */
  readonly simTime: string | null;
  readonly topology: Topology | null;
  readonly readings: Readonly<Record<string, SensorReading>>;
  readonly kpis: KpiSnapshot | null;
  readonly alerts: Readonly<Record<string, AlertView>>;
  readonly predictions: Readonly<Record<string, Prediction>>;
  /** The optimizer's recommendations by id as they are after their last change, newest first (live/recommendations.ts). */
  readonly recommendations: readonly Recommendation[];
  /** Who the API key belongs to (GET /api/me), so panels offer only what the role may do; null until known. */
  readonly me: Me | null;
  readonly sessions: Readonly<Record<string, SessionView>>;
  /** The session the scene and replay panel follow; null: the live plant. */
  readonly followedSession: string | null;
  /** Timeline marks of the followed session (incidents, defects, actions). */
  readonly followedTimeline: readonly TimelineMark[];
  /** The followed session's own sensor values (GET /api/sessions/:id/latest), not the live plant's. */
  readonly followedReadings: Readonly<Record<string, SensorReading>>;
  /** The action the next "Branch here" carries; during a replay the inspector's setpoint control edits it, never the live plant. */
  readonly branchDraft: BranchDraft;
  /** Recent defects found by inspection (the `events` channel, backfilled over REST on connect), newest last. */
  readonly recentDefects: readonly DefectEvent[];
  /** Simulated seconds per wall second of the live plant (GET /api/health; 0 for "max"). */
  readonly simSpeed: number;
  /** "none" until ml/ deploys a model (GET /api/health). */
  readonly modelStatus: string | null;
  /** Monitors that cannot run, one line each with the reason (GET /api/health `monitors`); empty when all watch. */
  readonly monitorsOff: readonly string[];
  /** The model registry and live status (GET /api/models); null until fetched. */
  readonly models: ModelsView | null;
  /** The latest training job from the `state` channel (or GET /api/models); null: none seen. */
  readonly trainingJob: TrainingJobView | null;
  readonly selectedAsset: string | null;
  /** A REST call or the WebSocket was refused for want of a (valid) key. */
  readonly needsApiKey: boolean;
}

/** The state before any data arrived. */
export function initialTwinState(): TwinState {
  return {
    connection: { status: 'connecting', attempt: 0, retryAtMs: null, lastSeq: 0, resyncs: 0, detail: null },
    simTime: null,
    topology: null,
    readings: {},
    kpis: null,
    alerts: {},
    predictions: {},
    recommendations: [],
    me: null,
    sessions: {},
    followedSession: null,
    followedTimeline: [],
    followedReadings: {},
    branchDraft: { setpoint: '', value: '', offset: '' },
    recentDefects: [],
    simSpeed: 1,
    modelStatus: null,
    monitorsOff: [],
    models: null,
    trainingJob: null,
    selectedAsset: null,
    needsApiKey: false,
  };
}

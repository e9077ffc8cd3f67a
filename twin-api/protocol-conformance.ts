/**
 * Compile-time check that the domain types (monitor, commands, engine) and protocol/'s wire types are the same shapes:
 * the server sends the domain values as they are, and the viewer reads them with protocol/'s types.
 * A field or a literal added, removed or renamed on one side only fails `tsc` here. No runtime code.
 */
import type * as Domain from '../monitor/alerts/alert.ts';
import type * as DomainKpis from '../monitor/kpis/kpi-types.ts';
import type * as WireAlerts from '../protocol/alerts.ts';
import type * as WireKpis from '../protocol/kpis.ts';
import type * as DomainCommands from '../commands/index.ts';
import type * as DomainEngine from '../engine/engine.ts';
import type * as DomainEvents from '../engine/events.ts';
import type * as WirePlant from '../protocol/plant.ts';
import type * as DomainShadow from '../monitor/shadow/shadow-view.ts';
import type * as WireShadow from '../protocol/shadow.ts';
import type * as DomainGraph from '../knowledge/graph-model.ts';
import type * as WireKnowledge from '../protocol/knowledge.ts';
import type { Static } from 'typebox';

/** true when A and B are assignable to each other, else never (so `= true` fails to compile). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

export const alertsConform: [
  Same<Domain.Severity, WireAlerts.Severity>,
  Same<Domain.AlertState, WireAlerts.AlertState>,
  Same<Domain.AlertRule, WireAlerts.AlertRule>,
  Same<Domain.AlertChangeKind, WireAlerts.AlertChangeKind>,
  Same<Domain.AlertView, WireAlerts.AlertView>,
  Same<Domain.AlertChange, WireAlerts.AlertChange>,
] = [true, true, true, true, true, true];

export const kpisConform: [
  Same<DomainKpis.KpiValues, WireKpis.KpiValues>,
  Same<DomainKpis.PeriodInfo, WireKpis.PeriodInfo>,
  Same<DomainKpis.SparkPoint, WireKpis.SparkPoint>,
  Same<DomainKpis.PeriodKpis, WireKpis.PeriodKpis>,
  Same<DomainKpis.LineKpis, WireKpis.LineKpis>,
  Same<DomainKpis.MachineDowntime, WireKpis.MachineDowntime>,
  Same<DomainKpis.KpiSnapshot, WireKpis.KpiSnapshot>,
] = [true, true, true, true, true, true, true];

export const commandsConform: [
  Same<DomainCommands.PlantCommand, WirePlant.PlantCommand>,
  Same<DomainCommands.PlantAck, WirePlant.PlantAck>,
  Same<DomainCommands.CommandRecord, WirePlant.CommandRecord>,
  Same<DomainEvents.CommandOrigin, WirePlant.CommandOrigin>,
  Same<DomainEngine.SetpointView, WirePlant.SetpointValue>,
] = [true, true, true, true, true];

export const shadowConforms: [
  Same<DomainShadow.ShadowSensorState, WireShadow.ShadowSensorState>,
  Same<DomainShadow.FlaggedAsset, WireShadow.FlaggedAsset>,
  Same<DomainShadow.ShadowState, WireShadow.ShadowState>,
] = [true, true, true];

import type * as DomainRecommendation from '../rl/recommendation.ts';
import type * as DomainProposal from '../rl/proposal.ts';
import type * as WireRecommendation from '../protocol/recommendation.ts';

export const recommendationsConform: [
  Same<DomainProposal.ProposalStatus, WireRecommendation.RecommendationStatus>,
  Same<DomainProposal.Evidence, WireRecommendation.Evidence>,
  Same<DomainRecommendation.OptimizerMode, WireRecommendation.OptimizerMode>,
  Same<DomainRecommendation.Recommendation, WireRecommendation.Recommendation>,
] = [true, true, true, true];

export const knowledgeConforms: [
  Same<DomainGraph.NodeKind, (typeof WireKnowledge.KG_NODE_KINDS)[number]>,
  Same<DomainGraph.EdgeKind, (typeof WireKnowledge.KG_EDGE_KINDS)[number]>,
  Same<DomainGraph.NodeKind, Static<typeof WireKnowledge.KgNodeKind>>,
  Same<DomainGraph.EdgeKind, Static<typeof WireKnowledge.KgEdgeKind>>,
] = [true, true, true, true];

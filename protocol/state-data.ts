/** The `state` channel payload: the state of something long-running changed, tagged by `kind`. */
import { Type, type Static } from 'typebox';
import { TrainingJobView } from './models.ts';
import { SessionNoted, SessionProposed } from './recommendation.ts';
import { SessionView } from './sessions.ts';
import { List } from './schema-kit.ts';
import { ShadowFlagSchema } from './shadow.ts';

/** A training job started, progressed or ended. */
export const TrainingState = Type.Object({ kind: Type.Literal('training'), ...TrainingJobView.properties });
/** A training session moved, paused or finished. */
export const SessionState = Type.Object({ kind: Type.Literal('session'), ...SessionView.properties });

/** Shadow mode raised, reclassified or cleared an asset's flag (monitor/shadow ShadowTracker.flags$). */
export const ShadowFlagState = Type.Object({
  kind: Type.Literal('shadow_flag'),
  asset: Type.String(),
  flag: ShadowFlagSchema,
  previous: ShadowFlagSchema,
  /** The sensors behind the flag (empty when cleared). */
  sensors: List(Type.String()),
});

/** The optimizer, switched on in a training session, planned at one of its rounds (GET /api/sessions/:id/optimizer lists them). */
export const SessionProposalState = Type.Union([Type.Object({ kind: Type.Literal('session_proposal'), ...SessionProposed }), Type.Object({ kind: Type.Literal('session_proposal'), ...SessionNoted })]);

export const StateData = Type.Union([TrainingState, SessionState, ShadowFlagState, SessionProposalState]);
export type StateData = Static<typeof StateData>;

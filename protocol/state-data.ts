/** The `state` channel payload: the state of something long-running changed, tagged by `kind`. */
import { Type, type Static } from 'typebox';
import { TrainingJobView } from './models.ts';
import { SessionView } from './sessions.ts';

/** A training job started, progressed or ended. */
export const TrainingState = Type.Object({ kind: Type.Literal('training'), ...TrainingJobView.properties });
/** A training session moved, paused or finished. */
export const SessionState = Type.Object({ kind: Type.Literal('session'), ...SessionView.properties });

export const StateData = Type.Union([TrainingState, SessionState]);
export type StateData = Static<typeof StateData>;

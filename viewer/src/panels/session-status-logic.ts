import type { SessionView, TimelineMark } from '../../../protocol/sessions.ts';

/** What a session is, in words: "scenario furnace-overheat-crack-storm", "recording #3", "branch of S1 at 06:30:00". */
export function sessionOrigin(session: Pick<SessionView, 'source' | 'scenario'>, clock: (tS: number) => string): string {
  const src = session.source;
  return src.kind === 'scenario' ? `scenario ${src.scenario}` : src.kind === 'recording' ? `recording #${src.recordingId}` : `branch of ${src.from} at ${clock(src.atS)}`;
}

/** The header badge while a session is followed: never "Live", since nothing shown is the live plant. */
export function sessionBadge(session: Pick<SessionView, 'id' | 'running' | 'finished'>): string {
  return `Session ${session.id} · ${session.running ? 'playing' : session.finished ? 'finished' : 'paused'}`;
}

/** The session's own figures for the KPI strip, from its timeline up to where it stands. */
export interface SessionFigures {
  readonly defects: number;
  /** Defects per simulated hour since the session's start; null before any time has run. */
  readonly defectsPerH: number | null;
  readonly incidents: number;
  /** The defect type seen most so far, with its count; null: none yet. */
  readonly topDefect: { readonly type: string; readonly count: number } | null;
  readonly actions: number;
}

/** Counts marks up to the session's time: a recording knows its whole timeline ahead, which has not happened yet. */
export function sessionFigures(session: Pick<SessionView, 'tS' | 'startS'>, marks: readonly TimelineMark[]): SessionFigures {
  let defects = 0;
  let incidents = 0;
  let actions = 0;
  const byType = new Map<string, number>();
  for (const m of marks) {
    if (m.tS > session.tS) continue;
    if (m.type === 'defect') {
      defects++;
      byType.set(m.label, (byType.get(m.label) ?? 0) + 1);
    } else if (m.type === 'fault_onset' || m.type === 'failure') incidents++;
    else actions++;
  }
  let topDefect: SessionFigures['topDefect'] = null;
  for (const [type, count] of byType) if (!topDefect || count > topDefect.count) topDefect = { type, count };
  const hours = (session.tS - session.startS) / 3600;
  return { defects, defectsPerH: hours > 0 ? defects / hours : null, incidents, topDefect, actions };
}

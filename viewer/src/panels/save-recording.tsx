import { useState, type FormEvent } from 'react';
import { ApiCallError } from '../api/rest-client.ts';
import type { RecordingSummary, SessionView } from '../../../protocol/sessions.ts';
import { useRuntime } from '../shell/runtime-context.tsx';
import { clock } from '../util/format.ts';

/** A default name that says what and how far: "furnace-overheat-crack-storm to 06:30:00". */
export function defaultRecordingName(session: Pick<SessionView, 'scenario' | 'tS'>): string {
  return `${session.scenario} to ${clock(session.tS)}`;
}

/** "Save recording" (trainers): stores the followed session so far; `onSaved` refreshes the recordings list. */
export function SaveRecording({ session, onSaved }: { session: SessionView; onSaved: (saved: RecordingSummary) => void }) {
  const rt = useRuntime();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  // A replayed recording is already stored; the server refuses to record it again.
  if (session.source.kind === 'recording') return null;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setResult(null);
    const chosen = name.trim() || defaultRecordingName(session);
    try {
      const saved = await rt.rest.post<RecordingSummary>(`/api/sessions/${session.id}/recording`, { name: chosen });
      setResult({ ok: true, text: `Saved "${saved.name}" (#${saved.id}); it is in the recordings list.` });
      setName('');
      onSaved(saved);
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiCallError && err.status === 403 ? 'Not allowed: saving a recording needs the trainer or engineer role.' : `Not saved: ${(err as Error).message}` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form-row save-recording" onSubmit={(e) => void save(e)} aria-label="Save recording">
      <label className="field grow">Save this session so far as a recording
        <input type="text" maxLength={200} value={name} placeholder={defaultRecordingName(session)} onChange={(e) => setName(e.target.value)} data-testid="recording-name" />
      </label>
      <button type="submit" className="btn" disabled={busy} data-testid="recording-save">{busy ? 'Saving…' : 'Save recording'}</button>
      {result ? <p className={result.ok ? 'ok small' : 'error small'} role={result.ok ? 'status' : 'alert'} data-testid="recording-result">{result.text}</p> : null}
    </form>
  );
}

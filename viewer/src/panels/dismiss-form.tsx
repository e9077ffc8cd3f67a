import { useId, useState, type FormEvent } from 'react';
import { justificationProblem } from './alerts-logic.ts';

/** The justification a dismissal needs (the server keeps it in the audit trail). */
export function DismissForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (justification: string) => void; onCancel: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const problem = justificationProblem(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onSubmit(text.trim());
  };
  return (
    <form className="dismiss-form" onSubmit={submit}>
      <label htmlFor={id}>Why does this alert need no action?</label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} data-testid="dismiss-justification" />
      <p id={`${id}-hint`} className="muted small">{problem ?? 'Ready to dismiss.'}</p>
      <div className="btn-row">
        <button type="submit" className="btn btn-danger" disabled={busy || problem !== null} data-testid="dismiss-submit">
          Dismiss alert
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

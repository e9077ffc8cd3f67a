import { useId, useState, type FormEvent } from 'react';
import { justificationProblem } from './alerts-logic.ts';

export interface ReasonFormProps {
  readonly busy: boolean;
  readonly onSubmit: (text: string) => void;
  readonly onCancel: () => void;
  readonly label: string;
  /** What is wrong with the text so far, or null when it may be sent. */
  readonly problemOf: (text: string) => string | null;
  readonly ready: string;
  readonly submitLabel: string;
  readonly inputTestId: string;
  readonly submitTestId: string;
}

/** A reason the server keeps in the audit trail (a dismissal's justification, a rejection's reason): sent only once it will be accepted. */
export function ReasonForm({ busy, onSubmit, onCancel, label, problemOf, ready, submitLabel, inputTestId, submitTestId }: ReasonFormProps) {
  const id = useId();
  const [text, setText] = useState('');
  const problem = problemOf(text);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onSubmit(text.trim());
  };
  return (
    <form className="dismiss-form" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} data-testid={inputTestId} />
      <p id={`${id}-hint`} className="muted small">{problem ?? ready}</p>
      <div className="btn-row">
        <button type="submit" className="btn btn-danger" disabled={busy || problem !== null} data-testid={submitTestId}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The justification a dismissal needs (the server keeps it in the audit trail). */
export function DismissForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (justification: string) => void; onCancel: () => void }) {
  return (
    <ReasonForm
      busy={busy}
      onSubmit={onSubmit}
      onCancel={onCancel}
      label="Why does this alert need no action?"
      problemOf={justificationProblem}
      ready="Ready to dismiss."
      submitLabel="Dismiss alert"
      inputTestId="dismiss-justification"
      submitTestId="dismiss-submit"
    />
  );
}

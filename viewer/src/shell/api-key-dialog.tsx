import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useRuntime, useTwin } from './runtime-context.tsx';

/** Form to enter or replace the API key (also used inside Settings). */
export function ApiKeyForm({ onDone }: { onDone?: () => void }) {
  const rt = useRuntime();
  const [key, setKey] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rt.setApiKey(key);
    setKey('');
    onDone?.();
  };
  return (
    <form onSubmit={submit} className="form-row" aria-label="API key">
      <label htmlFor="api-key-input">API key</label>
      <input id="api-key-input" ref={input} type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="x-api-key value" data-testid="api-key-input" />
      <button type="submit" className="btn btn-primary" disabled={key.trim().length === 0}>
        Save key
      </button>
      <button type="button" className="btn" onClick={() => rt.setApiKey(null)}>
        Forget key
      </button>
    </form>
  );
}

/** Modal prompt shown when the server answered 401: the key is missing or wrong. */
export function ApiKeyDialog() {
  const needs = useTwin((s) => s.needsApiKey);
  if (!needs) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="api-key-title" data-testid="api-key-dialog">
        <h2 id="api-key-title">API key required</h2>
        <p className="muted">This twin server requires credentials. The key is kept in this browser only (localStorage).</p>
        <ApiKeyForm />
      </div>
    </div>
  );
}

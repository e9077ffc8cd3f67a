import type { AlertView } from '../../protocol/alerts.ts';
import type { AlertStore } from './alert-store.ts';
import { OrderedWriter, type OrderedWriterMetrics, type OrderedWriterOptions, type WriteOutcome } from './ordered-writer.ts';

export type AlertWriterOptions = Omit<OrderedWriterOptions<AlertView>, 'write' | 'coalesce'>;

/**
 * Alert state's write path: every change goes through an ordered, retrying writer, so a database
 * outage delays alert state but loses none. Changes of one alert that wait together are merged into
 * its latest state (each write stores the whole alert), so the buffer is bounded by the number of
 * alerts, not of changes.
 */
export class AlertWriter {
  private readonly writer: OrderedWriter<AlertView>;

  constructor(store: Pick<AlertStore, 'insertAlert' | 'updateAlert'>, options: AlertWriterOptions = {}) {
    this.writer = new OrderedWriter({ ...options, write: (a) => storeAlert(store, a), coalesce: { key: (a) => a.id, merge: (_waiting, newer) => newer } });
  }

  /** Resolves once stored or safely queued; rejects (WriterFullError) only when the buffer is full. */
  write(alert: AlertView): Promise<WriteOutcome> {
    return this.writer.enqueue(alert);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  metrics(): OrderedWriterMetrics {
    return this.writer.metrics();
  }
}

/**
 * Stores the alert's whole current state, whether or not a row exists yet: safe to repeat after a
 * failure, and right for a merged change (an alert opened and acknowledged during an outage).
 */
async function storeAlert(store: Pick<AlertStore, 'insertAlert' | 'updateAlert'>, a: AlertView): Promise<void> {
  const patch = {
    severity: a.severity,
    state: a.state,
    lastAtMs: Date.parse(a.lastAt),
    ...(a.value !== null ? { value: a.value } : {}),
    message: a.message,
    ...(a.acknowledgedBy ? { acknowledgedBy: a.acknowledgedBy, acknowledgedAtMs: Date.parse(a.acknowledgedAt!) } : {}),
    ...(a.dismissedBy ? { dismissedBy: a.dismissedBy, justification: a.justification ?? '' } : {}),
    view: a,
  };
  if (await store.updateAlert(a.id, patch)) return;
  await store.insertAlert({ id: a.id, rule: a.rule, severity: a.severity, asset: a.asset, sensor: a.sensor, openedAtMs: Date.parse(a.openedAt), lastAtMs: Date.parse(a.lastAt), value: a.value, message: a.message, state: a.state, view: a });
  // The insert takes no acknowledgement or dismissal: a change merged while waiting may carry them.
  if (a.acknowledgedBy || a.dismissedBy) await store.updateAlert(a.id, patch);
}

import type { AuditInput, AuditStore } from './audit-store.ts';
import { OrderedWriter, type OrderedWriterMetrics, type OrderedWriterOptions } from './ordered-writer.ts';

/**
 * The audit log's one write path for the API: every entry (the generic write hook's and the plant
 * command service's) goes through one ordered, retrying writer, so a database outage delays audit
 * entries but never loses one, and entries keep the order their actions happened in.
 * `appendAudit` resolves once the entry is stored or safely queued; it rejects (WriterFullError)
 * only when the buffer is full, and the caller then answers 503. A retry after a reply lost in
 * transit may store an entry twice (at least once, never lost).
 */
export class AuditWriter {
  private readonly writer: OrderedWriter<AuditInput>;

  constructor(store: Pick<AuditStore, 'appendAudit'>, options: Omit<OrderedWriterOptions<AuditInput>, 'write' | 'coalesce'> = {}) {
    this.writer = new OrderedWriter({ ...options, write: async (e) => void (await store.appendAudit(e)) });
  }

  async appendAudit(entry: AuditInput): Promise<void> {
    await this.writer.enqueue(entry);
  }

  /** Resolves when every entry so far is stored (shutdown). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  metrics(): OrderedWriterMetrics {
    return this.writer.metrics();
  }
}

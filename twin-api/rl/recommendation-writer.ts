/**
 * Recommendations to the history database through the same ordered, retrying writer as audit
 * entries and alert updates: a database outage delays them, loses none; several changes of one
 * recommendation waiting together are written once, as the latest.
 */
import type { Recommendation } from '../../rl/recommendation.ts';
import type { RecommendationStore } from '../store/recommendation-store.ts';
import { OrderedWriter, type OrderedWriterMetrics } from '../store/ordered-writer.ts';

export class RecommendationWriter {
  private readonly writer: OrderedWriter<Recommendation>;

  constructor(store: Pick<RecommendationStore, 'putRecommendation'>, now: () => number, onError?: (err: unknown, attempt: number, retryInMs: number) => void) {
    this.writer = new OrderedWriter({
      write: (r) => store.putRecommendation(r, now()),
      coalesce: { key: (r) => r.id, merge: (_waiting, newer) => newer },
      ...(onError ? { onError } : {}),
    });
  }

  /** Resolves once stored or safely queued; rejects (WriterFullError) only when the queue is full. */
  async put(rec: Recommendation): Promise<void> {
    await this.writer.enqueue(rec);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  metrics(): OrderedWriterMetrics {
    return this.writer.metrics();
  }
}

/**
 * Points the drift feed at the models in service after each (re)load, with the training reference
 * each was saved with. A model without a reference, or whose inputs are not sensors of the plant,
 * is not watched, and the log says why.
 */
import type { Observable, Subscription } from 'rxjs';
import { loadDriftReference } from '../../ml/live/live-models.ts';
import type { DriftFeed } from '../predictions/drift-feed.ts';
import type { ServedModel } from '../predictions/model-service.ts';

export function watchServedModels(served$: Observable<readonly ServedModel[]>, drift: Pick<DriftFeed, 'watch'>, log: (msg: string) => void): Subscription {
  return served$.subscribe((served) => {
    void Promise.all(served.map(async (m) => ({ ...m, reference: await loadDriftReference(m.dir).catch(() => null) }))).then((refs) => {
      try {
        drift.watch(refs.flatMap((r) => (r.reference ? [{ kind: r.kind, task: r.task, reference: r.reference }] : [])));
      } catch (err) {
        log(`drift: not watching the models: ${(err as Error).message}`);
      }
    });
  });
}

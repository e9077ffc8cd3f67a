/**
 * Points the drift feed at the models in service after each (re)load, with the training reference
 * each was saved with. A model without a reference (or an unreadable one), or whose inputs are not
 * sensors of the plant, is not watched: the drift feed's status() and the log say why.
 */
import type { Observable, Subscription } from 'rxjs';
import { loadDriftReference } from '../../ml/live/live-models.ts';
import type { DriftFeed, DriftReference } from '../predictions/drift-feed.ts';
import type { ServedModel } from '../predictions/model-service.ts';

type Loaded = ServedModel & { reference: DriftReference | null; why: string };

async function withReference(m: ServedModel): Promise<Loaded> {
  try {
    const reference = await loadDriftReference(m.dir);
    return { ...m, reference, why: 'no drift reference (reference.json) saved with the model' };
  } catch (err) {
    return { ...m, reference: null, why: (err as Error).message };
  }
}

/** Subscribes the drift feed to the served models; `settled()` resolves once the latest set has been handed over. */
export function watchServedModels(served$: Observable<readonly ServedModel[]>, drift: Pick<DriftFeed, 'watch'>, log: (msg: string) => void): Subscription & { settled: () => Promise<void> } {
  let pending: Promise<void> = Promise.resolve();
  const sub = served$.subscribe((served) => {
    pending = Promise.all(served.map(withReference)).then((refs) => {
      try {
        drift.watch(
          refs.flatMap((r) => (r.reference ? [{ kind: r.kind, task: r.task, reference: r.reference }] : [])),
          refs.filter((r) => !r.reference).map((r) => `${r.kind}/${r.task}: ${r.why}`),
        );
      } catch (err) {
        log(`drift: not watching the models: ${(err as Error).message}`);
      }
    });
  });
  return Object.assign(sub, { settled: () => pending });
}

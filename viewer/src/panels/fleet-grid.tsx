import { useRuntime, useTwin } from '../shell/runtime-context.tsx';
import { navigate } from '../shell/ui-store.ts';
import { fleetTiles, type FleetState } from './fleet-logic.ts';

import type { AssetInfo } from '../../../protocol/plant.ts';

/** A stable empty list: a selector returning a fresh [] would re-render forever. */
const NO_ASSETS: readonly AssetInfo[] = [];

const LABEL: Record<FleetState, string> = { ready: 'Ready', degrading: 'Degrading', failing: 'Failing', loading: 'Model loading', 'no-model': 'No model' };

/** Every machine with its state; a tile opens the machine in the inspector. */
export function FleetGrid() {
  const rt = useRuntime();
  const assets = useTwin((s) => s.topology?.assets ?? NO_ASSETS);
  const readings = useTwin((s) => s.readings);
  const predictions = useTwin((s) => s.predictions);
  const alerts = useTwin((s) => s.alerts);
  const tiles = fleetTiles(assets, readings, predictions, alerts);
  const counts = tiles.reduce<Record<string, number>>((c, t) => ({ ...c, [t.state]: (c[t.state] ?? 0) + 1 }), {});
  return (
    <section className="panel" aria-labelledby="fleet-title" data-testid="fleet-grid">
      <header className="panel-head">
        <h2 id="fleet-title">Fleet health</h2>
        <span className="muted small">{(Object.keys(LABEL) as FleetState[]).map((s) => `${LABEL[s]} ${counts[s] ?? 0}`).join(' · ')}</span>
      </header>
      <ul className="fleet">
        {tiles.map((t) => (
          <li key={t.id}>
            <button className={`tile tile-${t.state}`} onClick={() => { rt.store.setState({ selectedAsset: t.id }); navigate('asset'); }} title={t.why} data-testid="fleet-tile" data-state={t.state}>
              <span className="tile-id">{t.id}</span>
              <span className="tile-state">{LABEL[t.state]}</span>
              <span className="muted small">{t.why}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

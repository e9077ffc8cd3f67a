/** Dev page of the scene (not shipped): the fake plant; `?labels=1`, `?select=motor_001`, `?replay=1` (frameloop never + advanceScene). */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { PlantScene } from '../plant-scene.tsx';
import { advanceScene } from '../scene-clock.ts';
import { DEFAULT_OVERLAYS } from '../scene-data.ts';
import { fakeSource } from './fake-plant.ts';

const q = new URLSearchParams(location.search);
const source = fakeSource(Date.parse('2024-03-14T00:00:00Z'));
const replay = q.get('replay') === '1';
// Replay: render only when told, at the store's time.
if (replay) setInterval(() => advanceScene(source.getState().simTimeMs), 500);

function Dev() {
  const [selected, setSelected] = useState<string | null>(q.get('select'));
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <PlantScene data={source} overlays={{ ...DEFAULT_OVERLAYS, sensorLabels: q.get('labels') === '1' }} selected={selected} onSelect={setSelected} frameloop={replay ? 'never' : 'always'} />
      <div id="dev-selected" style={{ position: 'fixed', left: 8, top: 8, color: '#fff', font: '12px monospace' }}>
        selected: {selected ?? '—'}
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Dev />);

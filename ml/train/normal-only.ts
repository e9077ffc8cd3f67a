import type { WindowSet } from '../window-set.ts';
import { selectWindows } from '../data/window-ops.ts';

/** The windows whose targets are all zero (no labelled anomaly): what an autoencoder learns from. */
export function normalOnly(ws: WindowSet): WindowSet {
  if (ws.targets === 0) return ws;
  const keep: number[] = [];
  for (let i = 0; i < ws.n; i++) {
    let any = false;
    for (let j = 0; j < ws.targets; j++) if (ws.y[i * ws.targets + j]! > 0) any = true;
    if (!any) keep.push(i);
  }
  return keep.length === ws.n ? ws : selectWindows(ws, keep);
}

import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import type { TwinEvent } from '../../engine/events.ts';
import type { PlantEvent } from '../../protocol/plant-events.ts';
import type { WsHub } from '../ws/hub.ts';

/**
 * The wire view of an engine event, or null for those the `events` channel leaves out: units
 * produced (thousands an hour; the KPIs count them) and sensor alerts (the `alerts` channel has them).
 * `startMs` turns the event's seconds into an ISO time.
 */
export function toPlantEvent(e: TwinEvent, startMs: number): PlantEvent | null {
  const base = { seq: e.seq, t: new Date(startMs + e.tS * 1000).toISOString(), tS: e.tS, asset: e.asset };
  switch (e.type) {
    case 'defect':
      return { ...base, type: 'defect', unitId: e.unitId, defect: e.defect, xFrac: e.x, yFrac: e.y, severity: e.severity };
    case 'failure':
      return { ...base, type: 'failure', mode: e.mode };
    case 'maintenance':
      return { ...base, type: 'maintenance', kind: e.kind };
    case 'fault_onset':
      return { ...base, type: 'fault_onset', fault: e.fault, detail: e.detail };
    case 'setpoint_changed':
      return { ...base, type: 'setpoint_changed', setpoint: e.setpoint, value: e.value, origin: e.origin };
    case 'unit_produced':
    case 'alert':
    case 'alert_cleared':
      return null;
  }
}

/** Pushes each plant event on the `events` channel as the engine emits it, tagged with its asset. */
export function feedPlantEvents(engine: TwinEngine, hub: WsHub): Subscription {
  return engine.events$.subscribe((e) => {
    const event = toPlantEvent(e, engine.startMs);
    if (event) hub.publish('events', event.t, event, [event.asset]);
  });
}

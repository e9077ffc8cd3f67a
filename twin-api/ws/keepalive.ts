import type { SchedulerLike, Subscription } from 'rxjs';

/** What the keepalive needs of a connection. */
export interface Pingable {
  /** Sends a ping unless one is unanswered; ends the connection when its pong is overdue. */
  keepalive(nowMs: number): void;
}

/**
 * Pings every connection each `intervalMs` on the injected scheduler, so tests drive it in
 * virtual time. Returns the subscription that stops it.
 */
export function startKeepalive(scheduler: SchedulerLike, intervalMs: number, connections: () => Iterable<Pingable>): Subscription {
  return scheduler.schedule(function tick(this: { schedule(state?: undefined, delay?: number): unknown }) {
    const now = scheduler.now();
    for (const c of connections()) c.keepalive(now);
    this.schedule(undefined, intervalMs);
  }, intervalMs);
}

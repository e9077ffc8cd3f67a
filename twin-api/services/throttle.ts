/**
 * At most one publication per key per interval, except the ones that must not be lost (a job's
 * last state, a session that stopped). Wall-clock policy of the WebSocket adapters, kept out of
 * the domain: the engine and the sessions report every change, the viewer needs a few per second.
 */
export function throttle(minIntervalMs: number, now: () => number = Date.now): (key: string, always?: boolean) => boolean {
  const last = new Map<string, number>();
  return (key, always = false) => {
    const t = now();
    if (!always && t - (last.get(key) ?? -Infinity) < minIntervalMs) return false;
    last.set(key, t);
    return true;
  };
}

import type { Health } from '../../../protocol/health.ts';

/** One line per monitor that cannot run ("drift monitor off: …"), from GET /api/health; empty when all watch. */
export function monitorsOff(health: Pick<Health, 'monitors'>): string[] {
  const m = health.monitors;
  if (!m) return [];
  const out: string[] = [];
  if (m.drift.state === 'off') out.push(`drift monitor off: ${m.drift.reason ?? 'no reason given'}`);
  if (m.shadow.state === 'off') out.push(`shadow mode off: ${m.shadow.reason ?? 'no reason given'}`);
  return out;
}

/**
 * The optimizer's settings (mode per asset, reward weights, cadence, validity, rollback window) and
 * the safety policy, kept in the history database's settings table so they survive a restart. The
 * policy's version is the server's: each accepted change is the stored version plus one.
 */
import { DEFAULT_REWARD_WEIGHTS } from '../../rl/reward.ts';
import { DEFAULT_ROLLBACK } from '../../rl/rollback-rule.ts';
import { DEFAULT_SAFETY_POLICY, parseSafetyPolicy, type SafetyPolicy } from '../../rl/safety-policy.ts';
import type { OptimizerSettings } from '../../protocol/recommendation.ts';
import type { SettingsStore } from '../store/settings-store.ts';

export const SETTINGS_KEY = 'rl-agent';
export const POLICY_KEY = 'safety-policy';

/**
 * On, in manual mode: operators see proposals from the start and nothing reaches the plant without
 * them. Plans every 10 simulated minutes; a proposal is valid for 15; the rollback window is 30.
 */
export const DEFAULT_OPTIMIZER_SETTINGS: OptimizerSettings = {
  enabled: true,
  modes: {},
  weights: { ...DEFAULT_REWARD_WEIGHTS },
  cadenceS: 600,
  validityS: 900,
  rollback: { ...DEFAULT_ROLLBACK },
};

/** Reads both documents, falling back to the defaults (and saying so) when a stored one is unreadable. */
export async function loadOptimizerConfig(store: SettingsStore, log: (msg: string) => void): Promise<{ settings: OptimizerSettings; policy: SafetyPolicy }> {
  const [s, p] = await Promise.all([store.getSetting(SETTINGS_KEY), store.getSetting(POLICY_KEY)]);
  const settings = s ? { ...DEFAULT_OPTIMIZER_SETTINGS, ...(s.value as Partial<OptimizerSettings>) } : DEFAULT_OPTIMIZER_SETTINGS;
  let policy = DEFAULT_SAFETY_POLICY;
  if (p) {
    try {
      policy = parseSafetyPolicy(p.value);
    } catch (err) {
      log(`optimizer: the stored safety policy is unreadable (${(err as Error).message}); using the default policy`);
    }
  }
  return { settings, policy };
}

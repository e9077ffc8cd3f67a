/**
 * npm run bench:shadow — is a shadow flag worth acting on? Progress on stderr, one JSON line on stdout:
 *   shadow_false_flags_per_asset_week  flags raised on the fault-free reference plant (twin and
 *                                      stand-in plant differ only in seed), 24 simulated hours,
 *                                      per asset per week (target ≤ 1), mean over the report seeds
 *   shadow_false_flags                 the flags raised in those runs, in total
 *   shadow_detect_delay_s              per library fault: simulated seconds from onset to the first
 *                                      flag on its asset (null: missed within the window)
 *   shadow_detect_kind                 per library fault: the flag raised (equipment_issue expected)
 *   shadow_missed                      library faults not flagged within SHADOW_AFTER_H (default 6 h)
 *   shadow_fault_run_false_flags       flags on other assets (or before onset) during the fault runs
 *
 * Seeds: the detector's free parameter (arlMargin) was chosen on plant seed offsets 1 and 2 (the
 * exogenous wander of batch_deviation is derived from the raw-material process, not fitted);
 * the figures reported here use other seeds (SHADOW_SEEDS, default 11,12), so they are not tuned on.
 * SHADOW_HOURS (default 24) and SHADOW_PARTS=false,faults select what runs.
 */
import { listScenarios, loadLibraryScenario } from '../scenarios/library.ts';
import { EVALUATION_WARM_UP_S, faultDetection, falseFlagRate } from '../twin-api/shadow/shadow-evaluation.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const hours = Number(process.env.SHADOW_HOURS ?? 24);
const afterH = Number(process.env.SHADOW_AFTER_H ?? 6);
const seeds = (process.env.SHADOW_SEEDS ?? '11,12').split(',').map(Number);
const parts = new Set((process.env.SHADOW_PARTS ?? 'false,faults').split(','));

const out: Record<string, unknown> = {};
if (parts.has('false')) {
  let rate = 0;
  let flags = 0;
  for (const seed of seeds) {
    const r = await falseFlagRate(loadLibraryScenario('glass-plant'), { plantSeedOffset: seed, runS: hours * 3600 + EVALUATION_WARM_UP_S });
    log(`fault-free, plant seed +${seed}: ${r.raised.length} flags on ${r.assets} assets in ${hours} h = ${r.perAssetWeek.toFixed(2)} per asset-week ${JSON.stringify(r.raised.map((f) => [f.asset, f.flag, Math.round(f.atS), f.sensors]))}`);
    rate += r.perAssetWeek / seeds.length;
    flags += r.raised.length;
  }
  out.shadow_false_flags_per_asset_week = Number(rate.toFixed(3));
  out.shadow_false_flags = flags;
  out.shadow_false_flag_hours = hours * seeds.length;
}
if (parts.has('faults')) {
  const delays: Record<string, number | null> = {};
  const kinds: Record<string, string | null> = {};
  let missed = 0;
  let others = 0;
  for (const { name } of listScenarios()) {
    const scenario = loadLibraryScenario(name);
    if (scenario.faults.length === 0) continue;
    const d = await faultDetection(scenario, { plantSeedOffset: seeds[0]!, afterS: afterH * 3600 });
    log(`${name}: ${d.fault} at ${d.onsetS} s → ${d.delayS === null ? 'missed' : `${d.flag} after ${Math.round(d.delayS)} s on ${d.sensors.join(', ')}`}; other flags ${JSON.stringify(d.otherFlags.map((f) => [f.asset, f.flag, Math.round(f.atS)]))}`);
    delays[name] = d.delayS === null ? null : Math.round(d.delayS);
    kinds[name] = d.flag;
    if (d.delayS === null) missed++;
    others += d.otherFlags.length;
  }
  out.shadow_detect_delay_s = delays;
  out.shadow_detect_kind = kinds;
  out.shadow_missed = missed;
  out.shadow_fault_run_false_flags = others;
}
console.log(JSON.stringify(out));

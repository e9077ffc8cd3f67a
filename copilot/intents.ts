/**
 * What a question asks for, by rules over its words (checked in this order: the most specific
 * first). The planner's intents map one-to-one to tool plans; anything else is a manual search.
 */

export const INTENTS = ['plan_maintenance', 'what_if', 'explain_alert', 'explain_risk', 'predict_rul', 'predict_failure', 'root_cause', 'get_history', 'manual', 'machine_status', 'help'] as const;
export type Intent = (typeof INTENTS)[number];

const RULES: readonly (readonly [Intent, RegExp])[] = [
  ['plan_maintenance', /\b(plan|schedule|organi[sz]e)\b[^.?!]*\b(maintenance|jobs?|work orders?|repairs?)\b|\bmaintenance (plan|schedule)\b/i],
  ['what_if', /\bwhat (if|happens|would happen)\b|\bif (i|we|you) (raise|lower|set|increase|decrease|change|put)\b|\bsimulate\b/i],
  ['explain_alert', /\b(alert|alarm)\b[^.?!]*\b(why|explain|mean|about|cause)\b|\b(why|explain)\b[^.?!]*\b(alert|alarm)\b|\bALT-[\w-]+/i],
  ['explain_risk', /\bwhy\b[^.?!]*\b(risk|likely to fail|fail(ure|ing)?|rul|health|degrad\w*)\b/i],
  ['predict_rul', /\b(rul|remaining (useful )?life|life (is )?left|how much life|how long (until|before|can|will|does)|time to failure|hours left)\b/i],
  ['predict_failure', /\b(risk|likel(y|ihood)\b[^.?!]*\bfail\w*|chance of failure|failure (probability|chance|risk)|chance[^.?!]*fail|will[^.?!]*fail|probability of failure)\b/i],
  ['root_cause', /\b(root cause|why\b|what caus\w+|cause of|causing)\b/i],
  ['get_history', /\b(history|trend|over the (last|past)|in the (last|past)|last \d+|past \d+|show me)\b/i],
  ['manual', /\b(how (do|to|should|can)|inspect\w*|procedure|manual|troubleshoot\w*|interval|replace|lock[- ]?out|limits?|normal range|symptom|steps?)\b/i],
  ['machine_status', /\b(status|health|how is|how's|condition|doing)\b/i],
];

/** The first rule's intent, or null when no rule matches (a follow-up such as "2 teams"). */
export function classifyRule(text: string): Intent | null {
  for (const [intent, re] of RULES) if (re.test(text)) return intent;
  return /^\s*(help|what can you do)\b/i.test(text) ? 'help' : null;
}

export function classify(text: string): Intent {
  return classifyRule(text) ?? (text.trim().length === 0 ? 'help' : 'manual');
}

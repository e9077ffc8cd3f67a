/** The what-if service: Monte-Carlo look-ahead of timed setpoint changes on a fork of the live plant. */
export { createWhatIfService, type WhatIfService, type WhatIfServiceOptions } from './service.ts';
export { WhatIfRequest, WhatIfChange, parseWhatIfRequest, DEFAULT_LOOKAHEAD_STEP_S, MAX_HORIZON_S, MAX_SEEDS, type WhatIfPlan } from './request.ts';
export { WhatIfResult, BranchSummary, BranchNumbers, Spread } from './result.ts';
export { WhatIfError, WHAT_IF_ERRORS, toWhatIfError, type WhatIfErrorCode } from './errors.ts';
export { WorkerPool } from './pool.ts';
export { poolRolloutRunner, splitSeeds, type PoolRolloutRunner } from './pool-runner.ts';

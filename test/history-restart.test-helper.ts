import { join } from 'node:path';
import type { TwinServicesConfig } from '../twin-api/services/twin-services-config.ts';
import { testAuth } from '../twin-api/test-app.test-helper.ts';

/** Ticks each run of the restart tests goes on for. */
export const RUN_TICKS = 300;

/** The server as `npm start` builds it, on an embedded database in `root`; the clock is not started (tests step the engine). */
export function historyServerConfig(root: string): TwinServicesConfig {
  return {
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    store: { kind: 'pglite', dataDir: join(root, 'history') },
    mqtt: null,
    models: { dir: join(root, 'models'), bootstrap: false, retrainOnDrift: false },
    viewerDist: null,
  };
}

// Worker threads run plain Node: register tsx (as twin-api/what-if/worker-entry.js does) so the TypeScript worker loads.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

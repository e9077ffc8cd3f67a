// Worker threads run plain Node: register tsx (as cli/bin/twin.js does) so the TypeScript worker loads.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

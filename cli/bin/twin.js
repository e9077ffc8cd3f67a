#!/usr/bin/env node
// The `twin` command. Sources are TypeScript; tsx compiles them on the fly so a checkout runs
// without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main.ts');
process.exitCode = await main(process.argv.slice(2));

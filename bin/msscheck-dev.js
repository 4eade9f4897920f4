#!/usr/bin/env node
// Development entry point: runs src/cli/main.ts through tsx, so `npm start` and `npm run msscheck`
// always run the current sources (no build needed). The package's bin is bin/msscheck.js (compiled).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);

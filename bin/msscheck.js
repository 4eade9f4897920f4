#!/usr/bin/env node
// msscheck's command-line entry point: the compiled CLI in dist/ (`npm run build`; `npm ci` and
// `npm pack` build it through `prepare`). In a clone, bin/msscheck-dev.js runs src/ through tsx instead.
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);

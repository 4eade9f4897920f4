#!/usr/bin/env node
// msscheck's command-line entry point: the compiled CLI in dist/ (`npm run build`; `npm ci` and
// `npm pack` build it through `prepare`), bundled into dist/bundle/ (scripts/bundle-cli.mjs), else
// its modules one by one. In a clone, bin/msscheck-dev.js runs src/ through tsx instead.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');
process.exitCode = await main(process.argv);

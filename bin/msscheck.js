#!/usr/bin/env node
// msscheck's command-line entry point: runs src/cli/main.ts through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);

// Preloaded into the msscheck child (`node --import`): on exit, writes the process's peak resident
// set size (kB) to $MSSCHECK_RSS_FILE, so the hostile harness can assert the memory bound.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.MSSCHECK_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});

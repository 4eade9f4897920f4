// Preloaded into a benchmarked msscheck process (`node --import`): on exit, writes the CPU time it
// used (user and system, every thread, in seconds) to $MSSCHECK_CPU_FILE, so that a benchmark on a
// loaded machine can say how much of its wall time was its own work.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.MSSCHECK_CPU_FILE;
  const { user, system } = process.cpuUsage();
  if (file) writeFileSync(file, JSON.stringify({ user: user / 1e6, system: system / 1e6 }));
});

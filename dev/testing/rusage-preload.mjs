// Loaded with `node --import` by bench/import.bench.ts and dev/testing/peak-rss.ts: at exit, writes this process's peak RSS (worker threads
// included) and CPU time to the file named by HELM_RANK_BENCH_RUSAGE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report = process.env.HELM_RANK_BENCH_RUSAGE;
  if (report)
    writeFileSync(report, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
});

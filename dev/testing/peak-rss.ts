/**
 * Peak memory of a piece of work, measured in a child process of its own (RSS is a process high-water mark, so the
 * test runner's own memory must not count). `runCliMeasured` runs `helm-rank <argv>` in a fresh Node process and
 * returns its exit code, output and peak RSS (`process.resourceUsage().maxRSS`, read as the child exits).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD_FLAG = '--peak-rss-child';
const MARKER = '\npeak-rss-bytes=';

export interface MeasuredOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssBytes: number;
}

export function runCliMeasured(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<MeasuredOutcome> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), fileURLToPath(import.meta.url), CHILD_FLAG, ...argv],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const at = stderr.lastIndexOf(MARKER);
      const peakRssBytes = at >= 0 ? Number(stderr.slice(at + MARKER.length).trim()) : Number.NaN;
      resolve({ code: code ?? 1, stdout, stderr: at >= 0 ? stderr.slice(0, at) : stderr, peakRssBytes });
    });
  });
}

if (process.argv[2] === CHILD_FLAG) {
  const { main } = await import('../../src-main/cli/main');
  const code = await main(process.argv.slice(3));
  process.stderr.write(`${MARKER}${process.resourceUsage().maxRSS * 1024}\n`);
  process.exitCode = code;
}

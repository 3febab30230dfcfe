/**
 * `helm-rank serve`: browser mode. Serves the app (built renderer + app API over HTTP/SSE) on 127.0.0.1 and
 * prints the one URL, with its per-launch token, to open. Useful on a headless GPU server through an SSH tunnel.
 */
import { existsSync } from 'node:fs';
import type { CommandModule } from '../command';
import { resolveDataDir } from '../../services/data-dir';
import { createAppServices } from '../../services/app-services';
import { startWebBridge } from '../../web/bridge-server';
import { AppError } from '../../../src-shared/errors';
import { rendererDirectory } from '../../engine/app-files';

export const serveCommand: CommandModule = {
  async run(args, context) {
    const options = parseServeArgs(args);
    const dataDir = resolveDataDir({ flag: options.dataDir, env: context.env });
    const staticDir = options.staticDir ?? rendererDirectory();
    if (!existsSync(staticDir))
      context.stderr.write(
        `helm-rank: ${staticDir} does not exist; run \`npm run build:renderer\` first. Serving the API only.\n`,
      );
    const backend = createAppServices({
      dataDir,
      env: context.env,
      mirror: options.mirror ?? context.env.HELM_RANK_MIRROR ?? null,
    });
    const bridge = await startWebBridge({
      port: backend,
      staticDir: existsSync(staticDir) ? staticDir : null,
      listenPort: options.port ?? 0,
    });
    context.stdout.write(`HELM Rank is running (data: ${dataDir}).\nOpen ${bridge.url}\nPress Ctrl+C to stop.\n`);
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await bridge.close();
    await backend.close();
    return 0;
  },
};

interface ServeOptions {
  port?: number;
  dataDir?: string;
  mirror?: string;
  staticDir?: string;
}

export function parseServeArgs(args: readonly string[]): ServeOptions {
  const options: ServeOptions = {};
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index];
    const value = args[index + 1];
    if (value === undefined || value.startsWith('--'))
      throw new AppError({ code: 'cli.usage', message: `${flag ?? ''} needs a value.` });
    index += 1;
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new AppError({ code: 'cli.usage', message: `--port must be 0–65535, not '${value}'.` });
      options.port = port;
    } else if (flag === '--data-dir') options.dataDir = value;
    else if (flag === '--mirror') options.mirror = value;
    else if (flag === '--static') options.staticDir = value;
    else throw new AppError({ code: 'cli.usage', message: `Unknown option ${flag ?? ''} for serve.` });
  }
  return options;
}

/**
 * `helm-rank serve`: browser mode. Serves the app (built renderer + app API over HTTP/SSE) on 127.0.0.1 and
 * prints the one URL, with its per-launch token, to open. Useful on a headless GPU server through an SSH tunnel.
 * Keys in `HELM_RANK_API_KEY_<PRESET>` go only to their preset's service; `--key-origin PRESET=URL` names
 * another origin for one (e.g. a self-hosted OpenAI-compatible server).
 */
import { existsSync } from 'node:fs';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { usageError } from '../error-hints';
import { commands } from './index';
import { resolveDataDir } from '../../services/data-dir';
import { createAppServices } from '../../services/app-services';
import { startWebBridge } from '../../web/bridge-server';
import { AppError } from '../../../src-shared/errors';
import { presetIdSchema } from '../../../src-shared/api/models';
import { refuseUserInfo } from '../../services/secrets/key-binding';
import { EnvKeys, envVarFor, originOf, presetKeyOrigins } from '../../services/secrets/secret-store';
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
      // HELM_RANK_MIRROR is read from `env` by the services, which then name it as the mirror's source.
      mirror: options.mirror ?? null,
      keyOrigins: options.keyOrigins,
    });
    const bridge = await startWebBridge({
      port: backend,
      staticDir: existsSync(staticDir) ? staticDir : null,
      listenPort: options.port ?? 0,
    });
    context.stdout.write(
      `HELM Rank is running (data: ${dataDir}).\n${envKeyLines(context.env, options.keyOrigins)}Open ${bridge.url}\nPress Ctrl+C to stop.\n`,
    );
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
  /** Secret id (`api-key:<preset>`) → the origin its environment-variable key is bound to. */
  keyOrigins: Record<string, string>;
}

/** One line per key found in the environment: the variable and where it may go (never the key). */
function envKeyLines(env: NodeJS.ProcessEnv, overrides: Record<string, string>): string {
  const keys = new EnvKeys(env, overrides);
  const ids = [...new Set([...Object.keys(presetKeyOrigins()), ...Object.keys(overrides)])];
  return ids
    .map((id) => ({ id, key: keys.read(id) }))
    .filter((entry) => entry.key !== null)
    .map(
      ({ id, key }) =>
        `Key from ${envVarFor(id)}: sent only to ${key?.origin ?? 'no endpoint (name one with --key-origin)'}.\n`,
    )
    .join('');
}

/** `--key-origin PRESET=URL`: binds HELM_RANK_API_KEY_<PRESET> to URL's origin. */
function parseKeyOrigin(value: string): [string, string] {
  const usage = (message: string) =>
    new AppError({
      code: 'cli.usage',
      message,
      details: {
        example:
          '--key-origin openai-compatible=https://llm.example.org (the key then comes from HELM_RANK_API_KEY_OPENAI_COMPATIBLE)',
      },
    });
  const [preset = '', url = ''] = value.split(/=(.*)/s, 2);
  if (!presetIdSchema.safeParse(preset).success)
    throw usage(`--key-origin needs PRESET=URL with a preset among ${presetIdSchema.options.join(', ')}.`);
  refuseUserInfo(url, { field: '--key-origin', keyVariable: envVarFor(`api-key:${preset}`) });
  const origin = originOf(url);
  if (!origin) throw usage(`--key-origin ${preset}=… needs an http:// or https:// URL.`);
  return [`api-key:${preset}`, origin];
}

/** Parses serve's flags with the options of its entry in ./index.ts (what `helm-rank serve --help` describes). */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  const info = commands.find((command) => command.path.join(' ') === 'serve') ?? { usage: 'serve', path: ['serve'] };
  // The environment's HELM_RANK_HOME / HELM_RANK_MIRROR are read later, by resolveDataDir and the services.
  const cli = parseCliArgs(args, { env: {} }, info);
  const options: ServeOptions = { keyOrigins: {} };
  const port = cli.string('port');
  if (port !== undefined) {
    const value = Number(port);
    if (port.trim() === '' || !Number.isInteger(value) || value < 0 || value > 65535)
      throw usageError(info.usage, `--port must be a whole number from 0 to 65535, not '${port}'.`);
    options.port = value;
  }
  const dataDir = cli.string('data-dir');
  if (dataDir !== undefined) options.dataDir = dataDir;
  const mirror = cli.string('mirror');
  if (mirror !== undefined) options.mirror = mirror;
  const staticDir = cli.string('static');
  if (staticDir !== undefined) options.staticDir = staticDir;
  for (const value of cli.strings('key-origin')) {
    const [id, origin] = parseKeyOrigin(value);
    options.keyOrigins[id] = origin;
  }
  return options;
}

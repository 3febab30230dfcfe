/**
 * `helm-rank tiny-model-server --model PATH [--port N]`: serves a local GGUF model as an OpenAI-compatible
 * endpoint (completions + chat, logprobs, echo) for demos and end-to-end tests. Runs until Ctrl+C.
 */
import { existsSync, statSync } from 'node:fs';
import { AppError } from '../../../src-shared/errors';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { importNeedingLlama } from '../optional-module';
import { usageError } from '../error-hints';

export const serveTinyModelCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    const modelPath = cli.string('model');
    if (!modelPath) throw usageError(command.usage, '--model PATH is required.');
    if (!existsSync(modelPath) || !statSync(modelPath).isFile())
      throw new AppError({
        code: 'cli.usage',
        message: `No model file at ${modelPath} (--model): give the path of a GGUF file, e.g. stories260K.gguf.`,
      });
    const port = Number(cli.string('port') ?? '8080');
    const contextSize = Number(cli.string('context-size') ?? '4096');
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new AppError({
        code: 'cli.usage',
        message: `--port must be a port number, not '${cli.string('port') ?? ''}'.`,
      });
    if (!Number.isInteger(contextSize) || contextSize < 16)
      throw new AppError({ code: 'cli.usage', message: '--context-size must be a whole number ≥ 16.' });
    const { startTinyModelServer } = await importNeedingLlama(() => import('../../demo/tiny-model-server'));
    const server = await startTinyModelServer({
      modelPath,
      port,
      host: cli.string('host') ?? '127.0.0.1',
      contextSize,
    });
    context.stdout.write(
      `Serving ${server.modelName} at ${server.baseUrl} (Ctrl+C to stop)\n` +
        `Try: helm-rank run --model local/${server.modelName} --api-model ${server.modelName} --base-url ${server.baseUrl} --examples 10\n`,
    );
    await new Promise<void>((resolve) => {
      if (context.signal.aborted) return resolve();
      context.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    return 0;
  },
};

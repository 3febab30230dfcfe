/**
 * `helm-rank demo`: the offline end-to-end demo — fixture sources and a fixture leaderboard on loopback, the
 * tiny local model, then `leaderboard import`, `run` and `rank` through the real CLI path (src-main/demo/demo.ts).
 */
import { existsSync } from 'node:fs';
import { AppError } from '../../../src-shared/errors';
import type { CommandModule } from '../command';
import { parseCliArgs } from '../options';
import { defaultDemoModelPath } from '../../demo/shared-data';
import { importNeedingLlama } from '../optional-module';

export const demoCommand: CommandModule = {
  async run(args, context, command) {
    const cli = parseCliArgs(args, context, command);
    // Default: the tiny story model of ../shared/data (HELM_RANK_SHARED_DATA), when present.
    const modelPath = cli.string('model') ?? defaultDemoModelPath() ?? '';
    if (modelPath === '' || !existsSync(modelPath)) {
      throw new AppError({
        code: 'demo.no-model',
        message:
          modelPath === ''
            ? 'No model given and ../shared/data/models/stories260K.gguf is absent.'
            : `No model file at ${modelPath}.`,
      });
    }
    const examples = cli.string('examples');
    const scenarios = cli.string('scenarios');
    const leaderboard = cli.string('leaderboard');
    const board = cli.choice('board', ['classic', 'lite'] as const);
    const { runDemo } = await importNeedingLlama(() => import('../../demo/demo'));
    const result = await runDemo(
      {
        dataDir: cli.dataDir,
        modelPath,
        ...(examples ? { examples } : {}),
        ...(scenarios ? { scenarios } : {}),
        ...(leaderboard ? { leaderboard } : {}),
        ...(board ? { board } : {}),
      },
      context,
    );
    return result.exitCode;
  },
};

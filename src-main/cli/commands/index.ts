/** Every CLI command, in help order. Add a command by writing its file and listing it here. */
import type { CliCommand } from '../command';
import { cachePruneCommand, cacheStatsCommand, cacheVerifyCommand } from './cache';
import { demoCommand } from './demo';
import { leaderboardImportCommand } from './leaderboard-import';
import { leaderboardInstancesCommand } from './leaderboard-instances';
import { leaderboardListCommand } from './leaderboard-list';
import { leaderboardShowCommand } from './leaderboard-show';
import { rankCommand } from './rank';
import { runCommand } from './run';
import { serveTinyModelCommand } from './serve-tiny-model';
import { serveCommand } from './serve';
import { tradeoffCommand } from './tradeoff';

export const commands: readonly CliCommand[] = [
  leaderboardListCommand,
  leaderboardImportCommand,
  leaderboardShowCommand,
  leaderboardInstancesCommand,
  runCommand,
  rankCommand,
  tradeoffCommand,
  cacheStatsCommand,
  cacheVerifyCommand,
  cachePruneCommand,
  serveCommand,
  serveTinyModelCommand,
  demoCommand,
];

/**
 * Every CLI command, in help order: its path, usage and summary, and a dynamic import of its implementation, so a
 * command loads only its own code (`--help` loads none of it). Add a command by writing its file (exporting a
 * {@link CommandModule}) and listing it here.
 */
import type { CliCommand } from '../command';

export const commands: readonly CliCommand[] = [
  {
    path: ['leaderboard', 'list'],
    usage: 'leaderboard list [--data-dir DIR] [--json]',
    summary: 'List the leaderboard versions you can import and those already imported.',
    load: async () => (await import('./leaderboard-list')).leaderboardListCommand,
  },
  {
    path: ['leaderboard', 'import'],
    usage: 'leaderboard import <version|url|path> [--name NAME] [--mirror URL] [--data-dir DIR] [--json]',
    summary:
      'Download and import a HELM leaderboard (a catalogue id such as classic-v0.3.0, a URL, a zip or a runs folder).',
    load: async () => (await import('./leaderboard-import')).leaderboardImportCommand,
  },
  {
    path: ['leaderboard', 'show'],
    usage:
      'leaderboard show <name> [--table accuracy|calibration|robustness|fairness|efficiency] [--win-rate legacy|current] [--data-dir DIR] [--json]',
    summary: 'Show an imported leaderboard table, sorted by mean win rate (default rule: the version’s own).',
    load: async () => (await import('./leaderboard-show')).leaderboardShowCommand,
  },
  {
    path: ['leaderboard', 'instances'],
    usage:
      'leaderboard instances <name> [--models all|M1,M2] [--scenarios all|G1,G2] [--check RUN_DIR] [--mirror URL] [--data-dir DIR] [--json]',
    summary:
      "Download the leaderboard's per-instance results (main metric, trial 0) for paired rank estimates; --check compares your run's instance ids with them.",
    load: async () => (await import('./leaderboard-instances')).leaderboardInstancesCommand,
  },
  {
    path: ['run'],
    usage:
      'run --model ORG/NAME --base-url URL --examples 10|20|50|100|1000|all [--board classic|lite] [--instruction-following yes|no] [--api-model NAME] [--api-key-env VAR] [--scenarios LIST] ' +
      '[--concurrency N] [--rate-limit RPS] [--max-response-mb 32] [--suite NAME] [--num-train-trials 1] [--mode chat|completions] [--context-window N] ' +
      '[--price-prompt USD_PER_M --price-completion USD_PER_M] [--resume RUN_ID [--endpoint-moved]] [--mirror URL] [--data-dir DIR] [--dry-run [--json]] | ' +
      'adaptive: run … --leaderboard NAME --target-width W [--budget-usd X | --budget-requests N] [--examples 10|20|50|100] [--strategy all|most-uncertain [--max-scenarios K]] [--resamples N] [--seed S] [--json]',
    summary:
      'Run the Efficient-HELM core scenarios on your model (any OpenAI-compatible endpoint) and write HELM run directories.',
    load: async () => (await import('./run')).runCommand,
  },
  {
    path: ['rank'],
    usage:
      'rank <run dir | suite dir> --leaderboard <name> [--json] [--resamples N] [--seed S] [--paired auto|off] [--out FILE] [--data-dir DIR]',
    summary: "Place a model's HELM runs on an imported leaderboard, with a calibrated 95 % rank interval.",
    load: async () => (await import('./rank')).rankCommand,
  },
  {
    path: ['tradeoff'],
    usage: 'tradeoff --leaderboard <name> [--scenarios a,b,…] [--json] [--resamples N] [--draws R] [--data-dir DIR]',
    summary: 'Examples per scenario vs calibrated rank precision and cost on an imported leaderboard.',
    load: async () => (await import('./tradeoff')).tradeoffCommand,
  },
  {
    path: ['cache', 'stats'],
    usage: 'cache stats [--data-dir DIR] [--json]',
    summary: 'Show the request cache: answers and bytes per model, size on disk, space reclaimable.',
    load: async () => (await import('./cache')).cacheStatsCommand,
  },
  {
    path: ['cache', 'verify'],
    usage: 'cache verify [--remove-unreadable] [--data-dir DIR] [--json]',
    summary: 'Check the request cache: SQLite integrity and that every stored answer reads.',
    load: async () => (await import('./cache')).cacheVerifyCommand,
  },
  {
    path: ['cache', 'prune'],
    usage: 'cache prune [--older-than 30d|12h|2w|2026-01-31] [--model ORG/NAME] [--all] [--data-dir DIR] [--json]',
    summary: 'Delete cached answers (older than a time, of a model, or all) and give the space back to the disk.',
    load: async () => (await import('./cache')).cachePruneCommand,
  },
  {
    path: ['serve'],
    usage: 'serve [--port N] [--data-dir DIR] [--mirror URL] [--static DIR] [--key-origin PRESET=URL …]',
    summary: 'Browser mode: serve the app on 127.0.0.1 and print the URL (with its access token) to open.',
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    path: ['tiny-model-server'],
    usage: 'tiny-model-server --model PATH [--port N] [--host 127.0.0.1] [--context-size 4096]',
    summary: 'Serve a local GGUF model (e.g. stories260K.gguf) as an OpenAI-compatible endpoint, CPU only, one thread.',
    load: async () => (await import('./serve-tiny-model')).serveTinyModelCommand,
  },
  {
    path: ['demo'],
    usage:
      'demo [--board classic|lite] [--data-dir DIR] [--examples 10] [--scenarios LIST] [--model PATH.gguf] [--leaderboard NAME]',
    summary:
      'Offline demo: evaluate the tiny local model on fixture copies of the core scenarios (Classic, or Lite with --board lite) and rank it on a fixture leaderboard.',
    load: async () => (await import('./demo')).demoCommand,
  },
];

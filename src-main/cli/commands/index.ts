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
    positionals: [1, 1],
    options: {
      name: {
        type: 'string',
        value: 'NAME',
        help: 'Name to import it as (default: the version id or the source name).',
      },
    },
    load: async () => (await import('./leaderboard-import')).leaderboardImportCommand,
  },
  {
    path: ['leaderboard', 'show'],
    usage:
      'leaderboard show <name> [--table accuracy|calibration|robustness|fairness|efficiency] [--win-rate legacy|current] [--data-dir DIR] [--json]',
    summary: 'Show an imported leaderboard table, sorted by mean win rate (default rule: the version’s own).',
    positionals: [1, 1],
    options: {
      table: {
        type: 'string',
        value: 'TABLE',
        help: 'Which table: accuracy (default), calibration, robustness, fairness or efficiency.',
      },
      'win-rate': {
        type: 'string',
        value: 'RULE',
        help: "Mean win rate rule: legacy or current (default: the version's own).",
      },
    },
    load: async () => (await import('./leaderboard-show')).leaderboardShowCommand,
  },
  {
    path: ['leaderboard', 'instances'],
    usage:
      'leaderboard instances <name> [--models all|M1,M2] [--scenarios all|G1,G2] [--check RUN_DIR] [--mirror URL] [--data-dir DIR] [--json]',
    summary:
      "Download the leaderboard's per-instance results (main metric, trial 0) for paired rank estimates; --check compares your run's instance ids with them.",
    positionals: [1, 1],
    options: {
      models: { type: 'string', value: 'LIST', help: 'Models to fetch: all (default) or a comma-separated list.' },
      scenarios: {
        type: 'string',
        value: 'LIST',
        help: 'Scenario groups to fetch: all (default) or a comma-separated list.',
      },
      check: {
        type: 'string',
        value: 'RUN_DIR',
        help: "Compare a run's instance ids with the leaderboard's instead of fetching.",
      },
    },
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
    options: {
      model: { type: 'string', value: 'ORG/NAME', help: "The model's HELM name (org/name), used in run names." },
      'base-url': { type: 'string', value: 'URL', help: 'OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1.' },
      examples: {
        type: 'string',
        value: 'N',
        help: 'Examples per scenario: 10, 20, 50, 100, 1000 or all (adaptive: where to start, default 20).',
      },
      board: { type: 'string', value: 'BOARD', help: 'Run entries of classic (default) or lite.' },
      'instruction-following': {
        type: 'string',
        value: 'yes|no',
        help: 'Whether the model follows instructions (default: yes in chat mode, no in completions mode).',
      },
      'api-model': { type: 'string', value: 'NAME', help: 'Model name the server expects (default: --model).' },
      'api-key-env': { type: 'string', value: 'VAR', help: 'Environment variable holding the API key.' },
      scenarios: {
        type: 'string',
        value: 'LIST',
        help: 'Only these scenarios, comma-separated (leaderboard columns such as boolq,imdb); default all.',
      },
      concurrency: {
        type: 'string',
        value: 'N',
        help: 'Requests in flight at once: a whole number 1–1024 (default 8).',
      },
      'rate-limit': {
        type: 'string',
        value: 'RPS',
        help: 'At most RPS requests per second (a number ≥ 0; 0 = no limit).',
      },
      'max-response-mb': {
        type: 'string',
        value: 'MB',
        help: 'Abandon a response larger than MB megabytes (a number > 0; default 32).',
      },
      suite: { type: 'string', value: 'NAME', help: 'Suite folder name under benchmark_output/runs (default v1).' },
      'num-train-trials': {
        type: 'string',
        value: 'N',
        help: 'Train trials (few-shot draws) per run: a whole number ≥ 1 (default 1).',
      },
      mode: { type: 'string', value: 'MODE', help: 'chat or completions (default completions).' },
      'context-window': {
        type: 'string',
        value: 'N',
        help: "The model's context window in tokens: a whole number ≥ 1 (prompts are fitted to it).",
      },
      'price-prompt': {
        type: 'string',
        value: 'USD',
        help: 'Price of a million prompt tokens in US dollars (≥ 0), for cost estimates.',
      },
      'price-completion': {
        type: 'string',
        value: 'USD',
        help: 'Price of a million completion tokens in US dollars (≥ 0), for cost estimates.',
      },
      resume: { type: 'string', value: 'RUN_ID', help: 'Resume a stopped or failed run with its recorded settings.' },
      'endpoint-moved': {
        type: 'boolean',
        help: 'With --resume: --base-url is the same server at a new address (recorded in run.json).',
      },
      'dry-run': { type: 'boolean', help: 'Plan only: requests, tokens and cost; sends nothing to the model.' },
      leaderboard: {
        type: 'string',
        value: 'NAME',
        help: "Imported leaderboard the run is for (recorded, so the app ranks it there); adaptive mode's board.",
      },
      'target-width': {
        type: 'string',
        value: 'W',
        help: 'Adaptive: raise the examples per scenario until the 95 % rank interval is at most W wide.',
      },
      'budget-usd': { type: 'string', value: 'X', help: 'Adaptive: stop before spending more than X US dollars.' },
      'budget-requests': { type: 'string', value: 'N', help: 'Adaptive: stop before sending more than N requests.' },
      resamples: { type: 'string', value: 'N', help: 'Adaptive: bootstrap resamples per ranking.' },
      seed: { type: 'string', value: 'S', help: 'Adaptive: random seed of the rankings.' },
      strategy: {
        type: 'string',
        value: 'STRATEGY',
        help: 'Adaptive: all scenarios per stage, or most-uncertain ones.',
      },
      'max-scenarios': {
        type: 'string',
        value: 'K',
        help: 'Adaptive, most-uncertain: at most K scenarios per stage.',
      },
    },
    load: async () => (await import('./run')).runCommand,
  },
  {
    path: ['rank'],
    usage:
      'rank <run dir | suite dir> --leaderboard <name> [--json] [--resamples N] [--seed S] [--paired auto|off] [--out FILE] [--data-dir DIR]',
    summary: "Place a model's HELM runs on an imported leaderboard, with a calibrated 95 % rank interval.",
    positionals: [1, 1],
    options: {
      leaderboard: { type: 'string', value: 'NAME', help: 'Imported leaderboard to rank on (required).' },
      resamples: { type: 'string', value: 'N', help: 'Bootstrap resamples: a whole number ≥ 1 (default 2000).' },
      seed: { type: 'string', value: 'S', help: 'Random seed: a whole number ≥ 1 (default 1).' },
      paired: {
        type: 'string',
        value: 'auto|off',
        help: "Paired estimates from the board's cached per-instance data: auto (default) or off.",
      },
      out: { type: 'string', value: 'FILE', help: 'Also write the report as JSON to FILE.' },
    },
    load: async () => (await import('./rank')).rankCommand,
  },
  {
    path: ['tradeoff'],
    usage: 'tradeoff --leaderboard <name> [--scenarios a,b,…] [--json] [--resamples N] [--draws R] [--data-dir DIR]',
    summary: 'Examples per scenario vs calibrated rank precision and cost on an imported leaderboard.',
    options: {
      leaderboard: { type: 'string', value: 'NAME', help: 'Imported leaderboard to plan on (required).' },
      scenarios: { type: 'string', value: 'LIST', help: 'Only these columns, comma-separated (default all).' },
      resamples: { type: 'string', value: 'N', help: 'Bootstrap resamples per calibration draw: a whole number ≥ 1.' },
      draws: { type: 'string', value: 'R', help: 'Calibration draws per model: a whole number ≥ 1.' },
    },
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
    options: {
      'remove-unreadable': { type: 'boolean', help: 'Delete the answers that do not read (they are requested again).' },
    },
    load: async () => (await import('./cache')).cacheVerifyCommand,
  },
  {
    path: ['cache', 'prune'],
    usage: 'cache prune [--older-than 30d|12h|2w|2026-01-31] [--model ORG/NAME] [--all] [--data-dir DIR] [--json]',
    summary: 'Delete cached answers (older than a time, of a model, or all) and give the space back to the disk.',
    options: {
      'older-than': {
        type: 'string',
        value: 'AGE',
        help: 'Answers older than 30d, 12h, 2w, or a date such as 2026-01-31.',
      },
      model: { type: 'string', value: 'ORG/NAME', help: "That model's answers." },
      all: { type: 'boolean', help: 'Every answer.' },
    },
    load: async () => (await import('./cache')).cachePruneCommand,
  },
  {
    path: ['serve'],
    usage: 'serve [--port N] [--data-dir DIR] [--mirror URL] [--static DIR] [--key-origin PRESET=URL …]',
    summary: 'Browser mode: serve the app on 127.0.0.1 and print the URL (with its access token) to open.',
    options: {
      port: { type: 'string', value: 'N', help: 'Port on 127.0.0.1 (default: a free one).' },
      static: { type: 'string', value: 'DIR', help: 'Serve the app from DIR (default: the built renderer).' },
      'key-origin': {
        type: 'string',
        multiple: true,
        value: 'PRESET=URL',
        help: "Bind a preset's key variable to this endpoint origin (repeatable).",
      },
    },
    common: ['data-dir', 'mirror'],
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    path: ['tiny-model-server'],
    usage: 'tiny-model-server --model PATH [--port N] [--host 127.0.0.1] [--context-size 4096]',
    summary: 'Serve a local GGUF model (e.g. stories260K.gguf) as an OpenAI-compatible endpoint, CPU only, one thread.',
    options: {
      model: { type: 'string', value: 'PATH', help: 'The GGUF model file (required).' },
      port: { type: 'string', value: 'N', help: 'Port (default 8080; 0 = a free one).' },
      host: { type: 'string', value: 'HOST', help: 'Address to listen on (default 127.0.0.1).' },
      'context-size': {
        type: 'string',
        value: 'N',
        help: 'Context size in tokens: a whole number ≥ 16 (default 4096).',
      },
    },
    common: [],
    load: async () => (await import('./serve-tiny-model')).serveTinyModelCommand,
  },
  {
    path: ['demo'],
    usage:
      'demo [--board classic|lite] [--data-dir DIR] [--examples 10] [--scenarios LIST] [--model PATH.gguf] [--leaderboard NAME]',
    summary:
      'Offline demo: evaluate the tiny local model on fixture copies of the core scenarios (Classic, or Lite with --board lite) and rank it on a fixture leaderboard.',
    options: {
      board: { type: 'string', value: 'BOARD', help: 'classic (default) or lite fixture board and scenarios.' },
      examples: { type: 'string', value: 'N', help: 'Examples per scenario (default 10).' },
      scenarios: { type: 'string', value: 'LIST', help: 'Only these scenarios, comma-separated (e.g. boolq,imdb).' },
      model: {
        type: 'string',
        value: 'PATH',
        help: 'GGUF model file (default: ../shared/data/models/stories260K.gguf).',
      },
      leaderboard: {
        type: 'string',
        value: 'NAME',
        help: 'Name to import the fixture board as (default demo-<board>).',
      },
    },
    common: ['data-dir'],
    load: async () => (await import('./demo')).demoCommand,
  },
];

/** App API, leaderboard domain: the catalogue, download + import jobs, imported boards and their tables. */
import { z } from 'zod';
import { channel, event } from './channel';
import { appErrorDataSchema } from '../error-schema';

export const winRateRuleSchema = z.enum(['legacy', 'current']);
/** `legacy`: Classic v0.3.0/v0.4.0 summarize (row-order ties, strong contamination excluded); `current`: average ties (HELM PR #3001). */
export type WinRateRule = z.infer<typeof winRateRuleSchema>;

export const tableNameSchema = z.enum(['accuracy', 'calibration', 'robustness', 'fairness', 'efficiency']);
export type TableName = z.infer<typeof tableNameSchema>;

export const catalogueEntrySchema = z.object({
  /** Stable id, e.g. `classic-v0.3.0`. */
  id: z.string(),
  title: z.string(),
  /** HELM project, e.g. `classic`, `lite`. */
  project: z.string(),
  release: z.string(),
  /** `run-archive`: a zip of run directories (run_spec.json + stats.json); `release-files`: the release's published JSON. */
  kind: z.enum(['run-archive', 'release-files']),
  /** Source URLs tried in order. */
  urls: z.array(z.string()),
  approxBytes: z.number().nullable(),
  winRateRule: winRateRuleSchema,
  isDefault: z.boolean(),
  /** The default release of its family (`project`): Classic v0.3.0, the newest Lite release. */
  familyDefault: z.boolean().optional(),
  description: z.string(),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const leaderboardSummarySchema = z.object({
  name: z.string(),
  catalogueId: z.string().nullable(),
  title: z.string(),
  importedAt: z.string(),
  sourceUrl: z.string(),
  sha256: z.string().nullable(),
  models: z.number(),
  runs: z.number(),
  columns: z.array(z.string()),
  tables: z.array(tableNameSchema),
  winRateRule: winRateRuleSchema,
  warnings: z.number(),
});
export type LeaderboardSummary = z.infer<typeof leaderboardSummarySchema>;

export const leaderboardRowSchema = z.object({
  /** `adapter_spec.model` as in the run specs, e.g. `openai/davinci`. */
  model: z.string(),
  displayName: z.string().nullable(),
  meanWinRate: z.number().nullable(),
  /** 1 + number of rows with a strictly higher mean win rate. */
  rank: z.number(),
  cells: z.record(z.string(), z.number().nullable()),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

export const leaderboardTableSchema = z.object({
  name: z.string(),
  table: tableNameSchema,
  winRateRule: winRateRuleSchema,
  /** Run-group names, in schema order (mmlu, boolq, …). */
  columns: z.array(z.string()),
  /** Column display headers, same order, e.g. `BoolQ - EM`. */
  headers: z.array(z.string()),
  lowerIsBetter: z.array(z.boolean().nullable()),
  /** Sorted by mean win rate, best first. */
  rows: z.array(leaderboardRowSchema),
});
export type LeaderboardTable = z.infer<typeof leaderboardTableSchema>;

export const importWarningSchema = z.object({ item: z.string(), code: z.string(), message: z.string() });
export type ImportWarning = z.infer<typeof importWarningSchema>;

export const importProgressSchema = z.object({
  jobId: z.string(),
  phase: z.enum(['download', 'import', 'index', 'done', 'failed', 'cancelled']),
  /** Bytes received so far and expected (null when the server does not say). */
  bytes: z.number(),
  totalBytes: z.number().nullable(),
  /** Bytes per second over the last few seconds. */
  rate: z.number(),
  runsRead: z.number(),
  warnings: z.array(importWarningSchema),
  error: appErrorDataSchema.nullable(),
  leaderboard: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** Where the download mirror in effect comes from: the Settings field, the launch option, the environment, or none. */
export const mirrorSourceSchema = z.enum(['settings', 'launch', 'env', 'none']);
export type MirrorSource = z.infer<typeof mirrorSourceSchema>;

export const mirrorStatusSchema = z.object({
  /** The mirror every download uses now, or null (the sources' own hosts). */
  mirror: z.string().nullable(),
  source: mirrorSourceSchema,
  /** The launch option's (`--mirror`) or the environment's (`HELM_RANK_MIRROR`) mirror, which Settings overrides. */
  fallback: z.string().nullable(),
  fallbackSource: z.enum(['launch', 'env']).nullable(),
});
export type MirrorStatus = z.infer<typeof mirrorStatusSchema>;

/** Base64 characters per upload chunk: 512 KiB of data, well inside the bridge's 1 MB request limit. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

export const leaderboardChannels = {
  'catalogue.list': channel(z.object({}), z.array(catalogueEntrySchema), 'The leaderboard versions a user can pick.'),
  'leaderboards.list': channel(
    z.object({}),
    z.array(leaderboardSummarySchema),
    'Leaderboards already imported (browsable offline).',
  ),
  'leaderboards.import': channel(
    z.object({ source: z.string(), name: z.string().optional(), mirror: z.string().optional() }),
    z.object({ jobId: z.string() }),
    'Start downloading and importing a catalogue id, URL or local path; progress comes as `leaderboards.progress` events.',
  ),
  'leaderboards.cancelImport': channel(
    z.object({ jobId: z.string() }),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running import; a partial download is kept for resume.',
  ),
  'leaderboards.mirror': channel(
    z.object({}),
    mirrorStatusSchema,
    'The download mirror in effect and where it comes from (Settings, launch option, environment).',
  ),
  'leaderboards.upload': channel(
    z.object({
      /** Null on the first chunk; then the id the first answer gave. */
      uploadId: z.string().nullable(),
      /** The file's own name (a board imported from it is named after it). */
      fileName: z.string().min(1).max(255),
      /** Byte offset of this chunk; chunks arrive in order. */
      offset: z.number().int().nonnegative(),
      /** The chunk, base64. */
      data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
      done: z.boolean(),
    }),
    z.object({
      uploadId: z.string(),
      bytes: z.number(),
      /** Set with the last chunk: a local path to pass to `leaderboards.import`. */
      source: z.string().nullable(),
    }),
    'Upload a leaderboard archive in chunks (browser mode, where the page cannot name a local file).',
  ),
  'leaderboards.choosePath': channel(
    z.object({ kind: z.enum(['file', 'folder']) }),
    z.object({ supported: z.boolean(), path: z.string().nullable() }),
    "The desktop app's native open dialog for a leaderboard zip or runs folder; unsupported in browser mode.",
  ),
  'leaderboards.table': channel(
    z.object({ name: z.string(), table: tableNameSchema.default('accuracy'), winRate: winRateRuleSchema.optional() }),
    leaderboardTableSchema,
    'One table of an imported leaderboard, sorted by mean win rate.',
  ),
} as const;

export const leaderboardEvents = {
  'leaderboards.progress': event(importProgressSchema, 'Download / import progress of a job.'),
} as const;

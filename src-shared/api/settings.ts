/** App API, settings + secrets domain. Secrets go in but never come back out (only their presence). */
import { z } from 'zod';
import { channel } from './channel';
import { modelEndpointSchema } from './models';
import { examplesPerScenarioSchema } from '../examples-per-scenario';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof themeSchema>;

/**
 * What the user typed in the wizard and has not necessarily used yet, kept across steps and restarts. The endpoint
 * may be incomplete; it never holds a key (only the preset, whose key the secret store keeps).
 */
export const wizardDraftSchema = z.object({
  endpoint: modelEndpointSchema.omit({ apiKeyId: true }).extend({ baseUrl: z.string(), model: z.string() }),
  examplesPerScenario: examplesPerScenarioSchema,
  /** Run groups chosen; empty = every core scenario. */
  scenarios: z.array(z.string()),
});
export type WizardDraft = z.infer<typeof wizardDraftSchema>;

export const settingsSchema = z.object({
  theme: themeSchema,
  /** Mirror prefix for every download (`https://HOST/PATH` → `<mirror>/HOST/PATH`), or null. */
  mirror: z.string().nullable(),
  /** The endpoint last used in the Model step (no key inside, only the secret's id). */
  lastEndpoint: modelEndpointSchema.nullable(),
  /** The leaderboard last chosen. */
  lastLeaderboard: z.string().nullable(),
  /** The wizard's fields as last typed. */
  draft: wizardDraftSchema.nullable(),
  /** The run last started or opened: the Run and Results steps show it again after a reload or restart. */
  lastRun: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  mirror: null,
  lastEndpoint: null,
  lastLeaderboard: null,
  draft: null,
  lastRun: null,
};

export const secretStatusSchema = z.object({
  id: z.string(),
  present: z.boolean(),
  /** Where it lives: OS keychain via Electron `safeStorage`, the bridge process's memory, or an environment variable. */
  source: z.enum(['safe-storage', 'memory', 'env']).nullable(),
  /**
   * The only origin (`scheme://host[:port]`) the key is ever sent to: the endpoint it was saved for, or for an
   * environment variable its preset's service (or the one `helm-rank serve --key-origin` named). Null when
   * absent, or when nothing binds it yet (it is then sent nowhere until entered again).
   */
  origin: z.string().nullable(),
});
export type SecretStatus = z.infer<typeof secretStatusSchema>;

export const settingsChannels = {
  'settings.get': channel(z.object({}), settingsSchema, 'Non-secret settings.'),
  'settings.update': channel(settingsSchema.partial(), settingsSchema, 'Change some settings; returns them all.'),
  'secrets.set': channel(
    z.object({
      id: z.string().min(1),
      value: z.string().min(1),
      /** The endpoint the key is for: it will be sent to this base URL's origin and nowhere else. */
      baseUrl: z.string(),
    }),
    secretStatusSchema,
    'Store an API key for one endpoint (its origin). It is never returned, and never sent to another origin.',
  ),
  'secrets.status': channel(
    z.object({ id: z.string().min(1) }),
    secretStatusSchema,
    'Whether a secret is stored, and where.',
  ),
  'secrets.delete': channel(z.object({ id: z.string().min(1) }), secretStatusSchema, 'Forget a secret.'),
} as const;

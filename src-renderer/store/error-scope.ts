/**
 * Errors that clear when the thing they describe succeeds: each API failure is tagged with its channel, and a
 * later success of the same channel clears the banner it raised (a retried import, a connection test that now
 * works), so a stale red banner never survives a successful retry. Failures that arrive as events (an import or a
 * run that failed) name their scope themselves; a lost server connection is the `bridge` scope, cleared when the
 * event stream is back.
 */
import type { AppApi, AppPort, ChannelName } from '../../src-shared/api/contract';
import { CHANNEL_NAMES } from '../../src-shared/api/contract';
import { isAppErrorData } from '../../src-shared/errors';

/** A failed import (its progress event), a failed run (its progress event), the server connection. */
export const IMPORT_SCOPE = 'leaderboards.import';
export const RUN_SCOPE = 'runs';
export const BRIDGE_SCOPE = 'bridge';

const scopes = new WeakMap<object, string>();

/** The scope of a thrown error: `bridge` for a server that does not answer, else the channel that failed. */
export function scopeOf(error: unknown): string | null {
  if (isAppErrorData(error) && error.code.startsWith('bridge.')) return BRIDGE_SCOPE;
  return typeof error === 'object' && error !== null ? (scopes.get(error) ?? null) : null;
}

/** The port, with every failure tagged by channel and every success reported to `onSuccess`. */
export function withErrorScopes(port: AppPort, onSuccess: (scope: string) => void): AppPort {
  const api = {} as Record<ChannelName, (request: unknown) => Promise<unknown>>; // cast: filled for every channel below
  for (const name of CHANNEL_NAMES) {
    const call = port.api[name] as (request: unknown) => Promise<unknown>; // cast: each channel's own function
    api[name] = async (request: unknown) => {
      try {
        const result = await call(request);
        onSuccess(name);
        onSuccess(BRIDGE_SCOPE);
        return result;
      } catch (error) {
        if (typeof error === 'object' && error !== null) scopes.set(error, name);
        throw error;
      }
    };
  }
  return { ...port, api: api as unknown as AppApi }; // cast: every channel was wrapped in the loop above
}

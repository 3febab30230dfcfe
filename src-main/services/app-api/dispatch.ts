/**
 * Calls one channel of an {@link AppPort} with an untrusted request: the channel name must exist, the
 * payload must pass the contract's request schema, and anything thrown comes back as the plain error shape.
 * Both the web bridge and the Electron IPC handlers go through here.
 */
import { appChannels } from '../../../src-shared/api/contract';
import type { AppPort, ChannelName } from '../../../src-shared/api/contract';
import type { AppErrorData } from '../../../src-shared/errors';
import { toAppErrorData } from '../../../src-shared/errors';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: AppErrorData };

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(appChannels, name);
}

export async function dispatch(port: AppPort, name: string, request: unknown): Promise<DispatchResult> {
  if (!isChannelName(name))
    return { ok: false, error: { code: 'api.unknown-channel', message: `Unknown API channel '${name}'.` } };
  const parsed = appChannels[name].request.safeParse(request ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'api.bad-request',
        message: `Invalid request for ${name}.`,
        cause: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
      },
    };
  }
  try {
    const call = port.api[name] as (request: unknown) => Promise<unknown>; // cast: request was validated against this channel's schema
    return { ok: true, result: await call(parsed.data) };
  } catch (error) {
    return { ok: false, error: toAppErrorData(error) };
  }
}

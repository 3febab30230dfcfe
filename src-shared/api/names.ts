/**
 * Channel and event names as plain strings, without the zod schemas: the Electron preload imports only
 * this, so it stays a few kilobytes. The type checks below fail the build if a name is missing or extra.
 */
import type { ChannelName, EventName } from './contract';

export const CHANNEL_NAME_LIST = [
  'catalogue.list',
  'leaderboards.list',
  'leaderboards.import',
  'leaderboards.cancelImport',
  'leaderboards.mirror',
  'leaderboards.upload',
  'leaderboards.choosePath',
  'leaderboards.table',
  'models.testConnection',
  'settings.get',
  'settings.update',
  'secrets.set',
  'secrets.status',
  'secrets.delete',
  'runs.plan',
  'runs.start',
  'runs.pause',
  'runs.resume',
  'runs.cancel',
  'runs.status',
  'rank.result',
  'rank.table',
  'rank.tradeoff',
  'rank.expectedInterval',
  'history.list',
  'history.export',
  'history.delete',
  'instances.runs',
  'instances.page',
] as const satisfies readonly ChannelName[];

export const EVENT_NAME_LIST = [
  'leaderboards.progress',
  'runs.progress',
  'runs.planProgress',
] as const satisfies readonly EventName[];

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
export const channelNamesAreComplete: Exhaustive<ChannelName, (typeof CHANNEL_NAME_LIST)[number]> = true;
export const eventNamesAreComplete: Exhaustive<EventName, (typeof EVENT_NAME_LIST)[number]> = true;

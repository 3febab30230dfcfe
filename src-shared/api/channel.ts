/**
 * The typed app API mechanism: a channel is a named request → response pair with runtime schemas;
 * an event is a named payload pushed from main to the UI. The same contract is served over Electron IPC,
 * the web bridge (HTTP + SSE) and a fake in renderer tests; every payload is plain JSON.
 */
import type { z } from 'zod';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /** One line for the API docs and error messages. */
  readonly summary: string;
}

export interface EventDef<Payload extends z.ZodType = z.ZodType> {
  readonly payload: Payload;
  readonly summary: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  summary: string,
): ChannelDef<Req, Res> {
  return { request, response, summary };
}

export function event<Payload extends z.ZodType>(payload: Payload, summary: string): EventDef<Payload> {
  return { payload, summary };
}

export type ChannelMap = Readonly<Record<string, ChannelDef>>;
export type EventMap = Readonly<Record<string, EventDef>>;

/** Request payload type of channel K. */
export type RequestOf<C extends ChannelMap, K extends keyof C> = z.input<C[K]['request']>;
/** Response payload type of channel K. */
export type ResponseOf<C extends ChannelMap, K extends keyof C> = z.output<C[K]['response']>;
/** Payload type of event K. */
export type PayloadOf<E extends EventMap, K extends keyof E> = z.output<E[K]['payload']>;

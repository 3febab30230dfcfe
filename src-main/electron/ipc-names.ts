/** IPC naming shared by main and preload (kept apart so the preload bundle pulls in nothing else). */
/** Prefix of the IPC channel that carries app event `name` (keeps events apart from invoke channels). */
export const EVENT_CHANNEL_PREFIX = 'event:';

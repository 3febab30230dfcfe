/**
 * V8 options of the engine process (the CLI's fork and the app's utility process alike).
 *
 * The engine's live memory is bounded: answers are streamed to disk and scored as they come, and a run's plan is
 * dropped request by request (src-main/engine/runner/run-stream.ts). What V8 adds on top is the slack it lets the
 * old generation grow to before it collects again: with the machine's default heap limit that is up to about 4×
 * the live heap, which put a 64,000-request run at ~500 MB of RSS for ~100 MB live (`npm run bench cache`). V8
 * scales that growing factor with the heap limit; a 1.5 GB limit keeps it under about 2×, for a few percent more
 * time in the garbage collector, and still leaves the engine many times its live memory.
 */
export const ENGINE_V8_OPTIONS: readonly string[] = ['--max-old-space-size=1536'];

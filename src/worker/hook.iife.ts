/**
 * SocketScope's worker hook (Firefox only): the bundle that the background puts in front of a worker's script
 * (src/background/firefox-workers/). The background replaces the placeholder below with this script's JSON
 * configuration, and wraps the bundle so that it stays on the script's first line. It must never throw into the
 * worker: a failure leaves the worker with its native WebSocket.
 */
import { startWorkerHook, type WorkerHookConfig } from './start';

/**
 * Replaced, quotes included, by the background with a WorkerHookConfig written as JSON, which is a JS object
 * literal: nothing is parsed at run time, where a later copy would call a JSON.parse that the worker replaced.
 */
const CONFIG = '__SOCKETSCOPE_WORKER_CONFIG__' as unknown as WorkerHookConfig;

try {
  startWorkerHook(globalThis, CONFIG);
} catch {
  // Nothing to report to: without the hook the worker runs unobserved.
}

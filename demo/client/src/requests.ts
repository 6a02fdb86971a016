// Request/response buttons: show pending, the response data, or the error (e.g. a timeout).
import { byId } from './dom.ts';
import type { ResilientSocket } from './socket.ts';

export function requestRunner(
  socket: ResilientSocket,
  showError: (message: string) => void,
  refresh: () => void,
): (label: string, data: Record<string, unknown>) => Promise<void> {
  return async (label, data) => {
    const status = byId('request-status');
    const result = byId('request-result');
    status.dataset.state = 'pending';
    status.textContent = `pending: ${label}`;
    result.textContent = '';
    refresh();
    try {
      const response = await socket.request(data);
      status.dataset.state = 'ok';
      status.textContent = `ok: ${label}`;
      result.textContent = JSON.stringify(response, null, 2);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      status.dataset.state = 'error';
      status.textContent = `error: ${label}: ${message}`;
      showError(`${label}: ${message}`);
    }
    refresh();
  };
}

/* global TextDecoder, AbortController, setTimeout */
import { apiHeaders } from './api-client.js';

// Follows the server's ticket change stream (server-sent events read through fetch, so the bearer
// token goes in a header and never in a URL), calling `onChange` for each ticket that changed.
// The stream is opened again 2 s after it drops, until `stop` is called.

const RECONNECT_MS = 2000;

function* framesOf(buffer) {
  let end;
  while ((end = buffer.text.indexOf('\n\n')) >= 0) {
    const frame = buffer.text.slice(0, end);
    buffer.text = buffer.text.slice(end + 2);
    const fields = Object.fromEntries(
      frame
        .split('\n')
        .filter((line) => line && !line.startsWith(':'))
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
    );
    if (fields.event) yield { event: fields.event, data: fields.data ? JSON.parse(fields.data) : null };
  }
}

/**
 * Calls `onChange({ticket, kinds, at})` for each change, of ticket `ticket` only when given; `onReady`
 * each time the stream (re)opens.
 *
 * @param {{ ticket?: number, onChange: (change: { ticket: number, kinds: string[], at: string }) => void, onReady?: () => void }} options
 */
export function followTicketChanges({ ticket, onChange, onReady = () => {} }) {
  const stopped = new AbortController();
  async function listen() {
    const query = ticket === undefined ? '' : `?ticket=${ticket}`;
    const response = await fetch(`/api/v1/tickets/changes${query}`, {
      headers: apiHeaders('text/event-stream'),
      signal: stopped.signal,
    });
    if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const buffer = { text: '' };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer.text += decoder.decode(value, { stream: true });
      for (const { event, data } of framesOf(buffer)) {
        if (event === 'ready') onReady();
        else if (event === 'ticket') onChange(data);
      }
    }
  }
  (async () => {
    while (!stopped.signal.aborted) {
      await listen().catch(() => undefined);
      if (!stopped.signal.aborted) await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  })();
  return () => stopped.abort();
}

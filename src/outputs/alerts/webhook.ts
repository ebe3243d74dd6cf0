// Posting an alert to a webhook: JSON { text, findings } — `text` is what Slack (and
// Mattermost, Teams' incoming webhooks, Discord's /slack endpoint) display.
import type { AlertMessage } from './message.js';

/** Posts the message; returns the HTTP status, throwing on a non-2xx answer or after `timeoutMs`. */
export async function postWebhook(
  url: string,
  msg: AlertMessage,
  timeoutMs = 15_000,
): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ text: `*${msg.subject}*\n${msg.text}`, findings: msg.findings }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection is released.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  return res.status;
}

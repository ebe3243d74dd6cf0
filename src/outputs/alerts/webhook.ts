// Posting an alert to a webhook: JSON { text, findings, … } — `text` is what Slack (and
// Mattermost, Teams' incoming webhooks, Discord's /slack endpoint) display; the rest is for
// machines: the kind, the business and date, the dashboard link and the findings as stored.
import type { AlertMessage } from './message.js';

/** Returns the JSON body posted for a message. */
export function webhookBody(msg: AlertMessage): Record<string, unknown> {
  const link = msg.link ? `\n<${msg.link}>` : '';
  return {
    text: `*${msg.subject}*\n${msg.text}${link}`,
    kind: msg.kind,
    business: msg.business,
    as_of: msg.as_of,
    url: msg.link,
    findings: msg.findings,
    ...(msg.data ? { data: msg.data } : {}),
  };
}

/** Posts the message; returns the HTTP status, throwing on a non-2xx answer, after `timeoutMs` or when `signal` aborts. */
export async function postWebhook(
  url: string,
  msg: AlertMessage,
  timeoutMs = 15_000,
  signal?: AbortSignal,
): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(webhookBody(msg)),
    signal: signal
      ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection is released.
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
  return res.status;
}

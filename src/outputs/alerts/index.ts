// Sending one alert message to every configured channel. A failing channel does not stop the
// others; the caller records only what was delivered, so a failed channel is retried.
import type { AlertConfig } from './config.js';
import type { AlertMessage } from './message.js';
import { sendEmail } from './email.js';
import { postWebhook } from './webhook.js';

export type AlertChannel = 'email' | 'webhook';

export interface ChannelResult {
  channel: AlertChannel;
  ok: boolean;
  detail: string;
}

export { alertConfig, alertChannels, type AlertConfig } from './config.js';
export { alertMessage, type AlertMessage, type AlertFinding } from './message.js';

/** Sends `msg` on each channel in `channels` (configured ones only); returns one result per channel. */
export async function sendAlert(
  cfg: AlertConfig,
  msg: AlertMessage,
  channels: AlertChannel[],
): Promise<ChannelResult[]> {
  const out: ChannelResult[] = [];
  for (const channel of channels) {
    try {
      if (channel === 'email' && cfg.email)
        out.push({ channel, ok: true, detail: await sendEmail(cfg.email, msg) });
      else if (channel === 'webhook' && cfg.webhook)
        out.push({ channel, ok: true, detail: `HTTP ${await postWebhook(cfg.webhook.url, msg)}` });
    } catch (err) {
      out.push({ channel, ok: false, detail: (err as Error).message });
    }
  }
  return out;
}

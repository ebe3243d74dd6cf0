// Sending one alert message on one channel. A failing channel does not stop the others; the
// outbox (src/jobs/outbox.ts) records what was delivered and retries the rest.
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
export {
  alertMessage,
  noticeMessage,
  type AlertMessage,
  type AlertFinding,
  type AlertKind,
} from './message.js';

/** Sends `msg` on one configured channel; returns the result (never throws). */
export async function sendOn(
  cfg: AlertConfig,
  msg: AlertMessage,
  channel: AlertChannel,
  signal?: AbortSignal,
): Promise<ChannelResult> {
  try {
    if (channel === 'email' && cfg.email)
      return {
        channel,
        ok: true,
        detail: await sendEmail(cfg.email, msg, cfg.send_timeout_ms, signal),
      };
    if (channel === 'webhook' && cfg.webhook)
      return {
        channel,
        ok: true,
        detail: `HTTP ${await postWebhook(cfg.webhook.url, msg, cfg.send_timeout_ms, signal)}`,
      };
    return { channel, ok: false, detail: `${channel} is not configured` };
  } catch (err) {
    const e = err as Error & { cause?: Error };
    const why =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `no answer within ${cfg.send_timeout_ms / 1000} s`
        : e.message;
    return {
      channel,
      ok: false,
      detail:
        e.cause?.message && !why.includes(e.cause.message) ? `${why} (${e.cause.message})` : why,
    };
  }
}

/** Sends `msg` on each channel in `channels` at the same time; returns one result per channel. */
export async function sendAlert(
  cfg: AlertConfig,
  msg: AlertMessage,
  channels: AlertChannel[],
): Promise<ChannelResult[]> {
  return Promise.all(channels.map((c) => sendOn(cfg, msg, c)));
}

// Sending an alert by e-mail through the business's SMTP server (nodemailer): one message,
// multipart — the plain text, the HTML with the chart as an inline image (cid), and the day's
// workbook attached when the file is there and not larger than the limit.
import { stat } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { EmailTarget } from './config.js';
import type { AlertMessage } from './message.js';

/** Returns the workbook attachment when the file exists and fits the limit, else null. */
async function attachment(msg: AlertMessage): Promise<{ filename: string; path: string } | null> {
  if (!msg.attach) return null;
  const size = await stat(msg.attach.path).then(
    (s) => s.size,
    () => null,
  );
  return size !== null && size <= msg.attach.max_bytes
    ? { filename: msg.attach.filename, path: msg.attach.path }
    : null;
}

/** Sends the message to every recipient in one e-mail; returns the SMTP message id. Gives up after `timeoutMs` or when `signal` aborts. */
export async function sendEmail(
  target: EmailTarget,
  msg: AlertMessage,
  timeoutMs = 15_000,
  signal?: AbortSignal,
): Promise<string> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: target.auth,
    // A daily job must not hang on a dead server.
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const abort = () => transport.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const file = await attachment(msg);
    const attachments = [
      ...(msg.inline
        ? [
            {
              filename: 'chart.png',
              content: Buffer.from(msg.inline.png_base64, 'base64'),
              cid: msg.inline.cid,
              contentType: 'image/png',
            },
          ]
        : []),
      ...(file ? [file] : []),
    ];
    const sending = transport.sendMail({
      from: target.from,
      to: target.to.join(', '),
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      attachments,
      headers: {
        'X-Kenshin-Kind': msg.kind,
        'X-Kenshin-Findings': msg.findings.map((f) => f.id).join(','),
      },
    });
    const aborted = new Promise<never>((_, reject) => {
      if (signal?.aborted) reject(new Error('timed out'));
      signal?.addEventListener(
        'abort',
        () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
        { once: true },
      );
    });
    const info = await Promise.race([sending, aborted]);
    return String(info.messageId);
  } finally {
    signal?.removeEventListener('abort', abort);
    transport.close();
  }
}

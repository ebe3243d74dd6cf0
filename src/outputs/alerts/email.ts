// Sending an alert by e-mail through the business's SMTP server (nodemailer).
import nodemailer from 'nodemailer';
import type { EmailTarget } from './config.js';
import type { AlertMessage } from './message.js';

/** Sends the message to every recipient in one e-mail; returns the SMTP message id. */
export async function sendEmail(target: EmailTarget, msg: AlertMessage): Promise<string> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: target.auth,
    // A daily job must not hang on a dead server.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: target.from,
      to: target.to.join(', '),
      subject: msg.subject,
      text: msg.text,
      headers: { 'X-Kenshin-Findings': msg.findings.map((f) => f.id).join(',') },
    });
    return String(info.messageId);
  } finally {
    transport.close();
  }
}

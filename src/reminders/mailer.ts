import { createHash } from "node:crypto";
import nodemailer from "nodemailer";

export interface OutgoingMail {
  key: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Sends one mail; resolves with its Message-ID once the mail server has taken it. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** AUP_SMTP_URL, e.g. smtp://user:password@mail.example:587 or smtps://…:465; unset means no reminders. */
export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AUP_SMTP_URL?.trim() || undefined;
}

/** The mail server as messages may show it: host and port, never the password. */
export function smtpServerName(url: string): string {
  try {
    const { protocol, hostname, port } = new URL(url);
    return `${protocol}//${hostname}${port ? `:${port}` : ""}`;
  } catch {
    return "the server AUP_SMTP_URL names";
  }
}

/** A mistake in AUP_SMTP_URL, said so that it can be fixed, or undefined when it is usable. */
export function smtpUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "AUP_SMTP_URL is not a URL. Write it as smtp://user:password@mail.yourcompany.com:587 (or smtps:// for port 465).";
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    return `AUP_SMTP_URL starts with ${parsed.protocol}// where smtp:// or smtps:// is needed, e.g. smtp://mail.yourcompany.com:587.`;
  return undefined;
}

/**
 * The Message-ID of a send, made from its key: a retry of a send whose "sent" was never recorded
 * (a crash) carries the same id, so that a mail system that took the first copy can drop the second.
 */
export function messageIdOf(key: string, from: string): string {
  const domain = from.split("@")[1] ?? "aup-course.invalid";
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}>`;
}

/** Sends through the SMTP server at `url` (nodemailer), giving up on an unresponsive one within a minute. */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    // One connection kept open for the pass, which sends one mail at a time: a new connection for
    // each of thousands of mails would be most of the pass's time.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.key, mail.from),
      });
      return info.messageId;
    },
    close: () => transport.close(),
  };
}

/** Why a send failed, for HR reading the log: what happened and what to do. */
export function sendFailure(url: string, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const what = message?.split("\n")[0] ?? String(error);
  const server = smtpServerName(url);
  if (code === "ECONNECTION" || code === "ETIMEDOUT" || code === "ESOCKET" || code === "EDNS")
    return `The mail server at ${server} could not be reached (${what}). Check that it runs and that AUP_SMTP_URL names it; nothing was marked sent, so the next pass sends what was missed.`;
  if (code === "EAUTH")
    return `The mail server at ${server} refused the sign-in (${what}). Check the user and password in AUP_SMTP_URL; nothing was marked sent, so the next pass sends what was missed.`;
  return `The mail server at ${server} did not take the mail (${what}). Nothing was marked sent, so the next pass tries again.`;
}

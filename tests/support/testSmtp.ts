import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterEach } from "vitest";

export interface TestSmtp {
  /** AUP_SMTP_URL for it. */
  url: string;
  port: number;
  /** Every mail received so far, parsed, in the order they arrived. */
  mails: ParsedMail[];
  /** Resolves once `count` mails have arrived (fails after `seconds`, naming what did). */
  received(count: number, seconds?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

const running: TestSmtp[] = [];
afterEach(async () => {
  for (const smtp of running.splice(0)) await smtp.stop();
});

/** A real SMTP server on 127.0.0.1 (a free port, or `port`), stopped after the test. */
export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Servers under test keep pooled connections open; stopping waits this long for them, not 30 s.
    closeTimeout: 500,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    mails,
    async received(count, seconds = 20) {
      const until = Date.now() + seconds * 1000;
      while (mails.length < count) {
        if (Date.now() > until)
          throw new Error(
            `Expected ${count} mails within ${seconds} s; ${mails.length} arrived: ${mails.map((m) => m.subject).join(" | ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return mails;
    },
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
  running.push(smtp);
  return smtp;
}

/** The first address a mail was sent to. */
export function recipient(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? "";
}

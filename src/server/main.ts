// The site's server: opens (and checks) the records store first, then serves the built site and
// its API. Started by `npm start`; tests start it on a free port with PORT=0.
import http from "node:http";
import path from "node:path";
import { dataDir } from "../records/dataFiles.ts";
import { isStoreError } from "../records/storeError.ts";
import { checkReminderEnvironment, readReminderKit, startReminderScheduler } from "../reminders/scheduler.ts";
import { ackRateLimit } from "./ackRateLimit.ts";
import { adminToken, adminTokenFile } from "./adminAuth.ts";
import { identityConfig } from "./identity.ts";
import { receiptSecret } from "./receiptLinks.ts";
import { siteListener } from "./requestListener.ts";
import { reviewAtStart } from "./reviewAtStart.ts";
import { recordsStore } from "./storeRegistry.ts";
import { trustedProxies } from "./trustedProxies.ts";

// Astro's standalone entry would listen by itself; this process listens once the store is ready.
process.env.ASTRO_NODE_AUTOSTART = "disabled";
// The files this process creates hold names and emails: owner-only, even one created by code that
// forgets to ask (each data file also asks for 0600 itself, for the CLIs that open the store).
process.umask(0o077);

let proxies: ReturnType<typeof trustedProxies>;
try {
  identityConfig(); // a misspelt AUP_IDENTITY stops the start rather than every acknowledgement
  ackRateLimit(); // and so does an AUP_ACK_RATE_LIMIT that is not a number
  proxies = trustedProxies(); // and a malformed AUP_TRUSTED_PROXIES entry
  if (process.env.AUP_ADMIN_TOKEN?.trim()) adminToken(); // and an AUP_ADMIN_TOKEN short enough to guess
  checkReminderEnvironment(); // and an AUP_SMTP_URL that no pass could send through
} catch (error) {
  console.error(`aup-course cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const store = await recordsStore().catch((error: unknown) => {
  if (!isStoreError(error)) throw error;
  console.error(`aup-course cannot start: ${error.message}`);
  process.exit(1);
});
try {
  adminToken(); // created now if needed, so that the hint below can point at it
} catch (error) {
  console.error(`aup-course cannot start: ${(error as Error).message}`);
  process.exit(1);
}
receiptSecret(); // created now, so that a disk that fills up later never stops a receipt link being made
// The build beside this file, wherever the server is started from: it carries everything it serves.
const entry = new URL("../../dist/server/entry.mjs", import.meta.url).href;
const { handler } = (await import(entry)) as { handler: http.RequestListener };
const server = http.createServer(siteListener(handler, proxies));
/** Stops the reminder scheduler, once it has started (and when it runs at all). */
let stopReminders: (() => Promise<void>) | undefined;
const host = process.env.HOST ?? "localhost";
server.listen(Number(process.env.PORT ?? 4321), host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(`Server listening on http://${host}:${port} (records in ${path.resolve(dataDir())})`);
  console.log(
    process.env.AUP_ADMIN_TOKEN
      ? "HR dashboard: /admin, signed in with AUP_ADMIN_TOKEN."
      : `HR dashboard: /admin, signed in with the token in ${adminTokenFile()} (set AUP_ADMIN_TOKEN to choose your own).`,
  );
  // After the site answers: a pass reads the store like the dashboard does. The kit is the build's.
  const kit = readReminderKit(new URL("../../dist/server/reminders.json", import.meta.url));
  void startReminderScheduler(kit, store, (line) => console.log(line)).then((stop) => (stopReminders = stop));
  const review = reviewAtStart(new URL("../../dist/", import.meta.url));
  if (review) (review.level === "ok" ? console.log : console.warn)(review.message);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish the requests in flight (their records are being synced), then release the data folder.
    server.close(
      () =>
        void Promise.resolve(stopReminders?.())
          .then(() => store.close())
          .then(() => process.exit(0)),
    );
    server.closeAllConnections();
  });

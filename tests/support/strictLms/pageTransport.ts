// How the strict LMS page posts, as Moodle's does: a synchronous request while the page lives, and a
// beacon once it is being dismissed (Chromium refuses synchronous requests then). Beacons are held to
// the browser's keepalive budget: a post that would put more than 64 KiB in flight is lost, as
// Chromium drops it. Runs in the browser; no imports from outside this folder.
import { KEEPALIVE_BUDGET, multipartBytes, urlencodedBytes } from "./postSize.ts";
import type { LmsTransport } from "./lmsSession.ts";

export interface PostRecord {
  kind: "post";
  via: "request" | "beacon";
  final: boolean;
  bytes: number;
  /** Bytes of earlier beacons still in flight when this one was sent. */
  inFlight: number;
  /** Whether it left the page: false when refused (over budget, or the browser would not queue it). */
  sent: boolean;
  /** Whether the page was being dismissed (unload events had fired). */
  unloading: boolean;
}

const DISMISSAL = ["beforeunload", "pagehide", "unload"];

export class PageTransport implements LmsTransport {
  private dismissing = false;
  private inFlight = 0;
  private readonly url: string;
  private readonly record: (post: PostRecord) => void;
  private readonly windows: Window[] = [];

  constructor(url: string, record: (post: PostRecord) => void) {
    this.url = url;
    this.record = record;
  }

  /**
   * Watches a window for its dismissal, as Moodle's runtime watches its own and the SCO's: from
   * beforeunload, pagehide, unload or the page going hidden, posts go as beacons; when the page
   * shows again, the budget starts afresh. Capture listeners run before the SCO's own.
   */
  watch(win: Window): void {
    this.windows.push(win);
    const dismissed = () => (this.dismissing = true);
    for (const type of DISMISSAL) win.addEventListener(type, dismissed, { capture: true });
    win.addEventListener("pageshow", () => this.shown(), { capture: true });
    win.document.addEventListener(
      "visibilitychange",
      () => (win.document.visibilityState === "hidden" ? dismissed() : this.shown()),
      { capture: true },
    );
  }

  post(fields: [string, string][], final: boolean): boolean {
    // Like Moodle's window.event check: a call made from a SCO's unload handler is a dismissal too.
    const unloading =
      this.dismissing || this.windows.some((win) => DISMISSAL.includes((win as { event?: Event }).event?.type ?? ""));
    if (!unloading) {
      try {
        const request = new XMLHttpRequest();
        request.open("POST", this.url, false);
        request.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
        request.send(new URLSearchParams(fields).toString());
        const sent = request.status === 200;
        this.record({
          kind: "post",
          via: "request",
          final,
          bytes: urlencodedBytes(fields),
          inFlight: 0,
          sent,
          unloading,
        });
        return sent;
      } catch {
        // The browser refused a synchronous request: the page is going. Moodle falls back to a beacon.
      }
    }
    const withFlag: [string, string][] = [...fields, ["unloading", "1"]];
    const bytes = multipartBytes(withFlag);
    const inFlight = this.inFlight;
    let sent = false;
    if (inFlight + bytes <= KEEPALIVE_BUDGET) {
      const form = new FormData();
      for (const [name, value] of withFlag) form.append(name, value);
      sent = navigator.sendBeacon(`${this.url}?api=beacon`, form);
      if (sent) this.inFlight += bytes;
    }
    this.record({ kind: "post", via: "beacon", final, bytes, inFlight, sent, unloading: true });
    return sent;
  }

  private shown(): void {
    this.dismissing = false;
    this.inFlight = 0;
  }
}

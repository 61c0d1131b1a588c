// The strict LMS page's script: puts the strict runtime where a SCO looks for it (window.API or
// window.API_1484_11), records every call and post for the test, then frames the package. Runs in
// the browser (the harness serves these files with their types stripped).
import { API_METHODS, recordCalls, type CallRecord, type LmsLaunch } from "./lmsSession.ts";
import { PageTransport, type PostRecord } from "./pageTransport.ts";
import { StrictScorm12Runtime } from "./scorm12Runtime.ts";
import { StrictScorm2004Runtime } from "./scorm2004Runtime.ts";

export interface PageConfig {
  /** Which attempt of which learner this is: the test reads its record by it. */
  attempt: string;
  version: "1.2" | "2004";
  launch: LmsLaunch;
  launchUrl: string;
  postUrl: string;
}

type Recorded = ({ kind: "call" } & CallRecord) | PostRecord;

const page = window as unknown as {
  strictLms: PageConfig;
  /** Exposed by the test harness (Playwright binding): each call and post reaches the test as it happens. */
  strictLmsRecord?: (attempt: string, entry: Recorded) => void;
  API?: object;
  API_1484_11?: object;
};
const config = page.strictLms;
const record = (entry: Recorded) => page.strictLmsRecord?.(config.attempt, entry);
const transport = new PageTransport(config.postUrl, record);
transport.watch(window);

const onCall = (call: CallRecord) => record({ kind: "call", ...call });
if (config.version === "1.2") {
  const runtime = new StrictScorm12Runtime(config.launch, transport);
  page.API = recordCalls(runtime, API_METHODS["1.2"], () => runtime.LMSGetLastError(), onCall);
} else {
  const runtime = new StrictScorm2004Runtime(config.launch, transport);
  page.API_1484_11 = recordCalls(runtime, API_METHODS["2004"], () => runtime.GetLastError(), onCall);
}

const frame = document.querySelector("iframe");
if (frame) {
  // Watch the SCO's window too, each time a document loads in the frame.
  frame.addEventListener("load", () => frame.contentWindow && transport.watch(frame.contentWindow));
  frame.src = config.launchUrl;
}

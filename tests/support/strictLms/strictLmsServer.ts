import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { stripTypeScriptTypes } from "node:module";
import path from "node:path";
import { unzipSync } from "fflate";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { DEEP_PATH } from "../../../scorm/preview/previewLms.ts";
import { STARTED } from "../../../scripts/harness/courseSteps.ts";
import { storePost, type CallRecord } from "./lmsSession.ts";
import { StrictScorm2004Runtime } from "./scorm2004Runtime.ts";
import type { PageConfig } from "./lmsPageMain.ts";
import type { PostRecord } from "./pageTransport.ts";

/** Everything one learner attempt went through, across launches: the test's evidence. */
export interface AttemptRecord {
  /** What the LMS's server holds, element by element: what each received post left. */
  stored: Record<string, string>;
  /** Every API call the package made, with the answer and the error code it left. */
  calls: CallRecord[];
  /** Every post the LMS page made or tried, as the page saw it. */
  posts: PostRecord[];
  /** Posts that reached the server, by how they came. */
  received: { via: "request" | "beacon"; bytes: number }[];
  launches: number;
  version?: "1.2" | "2004";
  /** What the package's manifest told the LMS (mastery score, passing score, completion threshold). */
  facts: ManifestFacts;
}

export type ManifestFacts = ReturnType<typeof manifestFacts>;

/** What the LMS reports of an attempt: SCORM 1.2's lesson status and score, 2004's evaluated statuses, scaled score and progress. */
export type Report =
  | { status?: string; score: string; exit?: string }
  | { completion: string; success: string; score: string; progress?: string; exit?: string };

export interface LaunchOptions {
  /** Whether the LMS hands stored interactions back at launch (default true, as Moodle does). */
  handsBackInteractions?: boolean;
  /** Whether the LMS's server is out of reach: every post fails, as on a dropped connection. */
  unreachable?: boolean;
}

const HERE = path.dirname(new URL(import.meta.url).pathname);

/**
 * A strict LMS for browser tests: serves the packages in `packagesDir` from a deep path, frames one
 * in a page that provides the strict runtime for its SCORM version (configured from the package's
 * own manifest: mastery score, passing score, completion threshold), and keeps what its posts
 * store, so that a relaunch resumes from what the LMS really received.
 */
export class StrictLms {
  /** Where the LMS listens, once started. */
  url = "";
  private readonly attempts = new Map<string, AttemptRecord>();
  private readonly server = http.createServer((request, response) => void this.handle(request, response));
  private readonly unzipped = new Map<string, Record<string, Uint8Array>>();
  private readonly packagesDir: string;

  private constructor(packagesDir: string) {
    this.packagesDir = packagesDir;
  }

  /** Starts the LMS and lets the pages of `context` report their calls and posts to it. */
  static async start(packagesDir: string, context: BrowserContext): Promise<StrictLms> {
    const lms = new StrictLms(packagesDir);
    await new Promise<void>((resolve) => lms.server.listen(0, "127.0.0.1", resolve));
    const address = lms.server.address();
    lms.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    await context.exposeBinding("strictLmsRecord", (_source, attempt: string, entry: { kind: string }) => {
      const record = lms.attempt(attempt);
      if (entry.kind === "call") record.calls.push(entry as unknown as CallRecord);
      else record.posts.push(entry as PostRecord);
    });
    return lms;
  }

  /** The record of an attempt (empty until its first launch). */
  attempt(key: string): AttemptRecord {
    let record = this.attempts.get(key);
    if (!record) {
      record = { stored: {}, calls: [], posts: [], received: [], launches: 0, facts: {} };
      this.attempts.set(key, record);
    }
    return record;
  }

  /** Calls the LMS refused: any error but 2004's "not initialized" on reading a value never set. */
  refused(key: string): CallRecord[] {
    return this.attempt(key).calls.filter(
      (call) => call.error !== "0" && !(call.fn === "GetValue" && call.error === "403"),
    );
  }

  /**
   * What the LMS reports for the attempt now: SCORM 1.2 as stored (LMSFinish has applied the
   * mastery score); 2004 as its runtime evaluates completion and success from the stored values.
   */
  report(key: string): Report {
    const { stored, facts, version } = this.attempt(key);
    if (version === "1.2")
      return {
        status: stored["cmi.core.lesson_status"],
        score: stored["cmi.core.score.raw"] ?? "",
        exit: stored["cmi.core.exit"],
      };
    const runtime = new StrictScorm2004Runtime(
      { learner: { id: "", name: "" }, stored, ...facts },
      { post: () => true },
    );
    return {
      completion: runtime.completion(),
      success: runtime.success(),
      score: stored["cmi.score.scaled"] ?? "",
      progress: stored["cmi.progress_measure"],
      exit: stored["cmi.exit"],
    };
  }

  /** Opens attempt `key` of package `name` in `page` (a launch, or a relaunch) and returns the course's frame. */
  async launch(page: Page, name: string, key: string, options: LaunchOptions = {}): Promise<Frame> {
    const query = new URLSearchParams({ package: name, attempt: key });
    if (options.handsBackInteractions === false) query.set("handsBack", "0");
    if (options.unreachable) query.set("unreachable", "1");
    await page.goto(`${this.url}/lms?${query.toString()}`);
    const frame = await courseFrame(page);
    await frame.waitForSelector(`${STARTED} .course-step h1`);
    return frame;
  }

  /** Waits until the server has received `count` posts for attempt `key` (beacons arrive after the page is gone). */
  async received(key: string, count: number, timeoutMs = 10_000): Promise<void> {
    for (const started = Date.now(); this.attempt(key).received.length < count;) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`The LMS received ${this.attempt(key).received.length} of ${count} posts for ${key}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    const send = (status: number, type: string, body: string | Uint8Array) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    if (/^\/unreachable\//.test(url.pathname)) return send(503, "text/plain", "Service unavailable");
    const post = /^\/datamodel\/([\w-]+)$/.exec(url.pathname);
    if (post && request.method === "POST") {
      const body = await readBody(request);
      const form = await new Request(url, {
        method: "POST",
        headers: { "content-type": request.headers["content-type"] ?? "" },
        body: new Uint8Array(body),
      }).formData();
      const fields = [...form].map(([name, value]): [string, string] => [name, typeof value === "string" ? value : ""]);
      const record = this.attempt(post[1] ?? "");
      storePost(record.stored, fields);
      record.received.push({
        via: url.searchParams.get("api") === "beacon" ? "beacon" : "request",
        bytes: body.length,
      });
      return send(200, "text/plain", "true\n0");
    }
    if (url.pathname === "/lms") return send(200, "text/html; charset=utf-8", this.page(url.searchParams));
    const script = /^\/strict-lms\/(\w+\.ts)$/.exec(url.pathname);
    if (script?.[1] && readdirSync(HERE).includes(script[1]))
      return send(200, "text/javascript", stripTypeScriptTypes(readFileSync(path.join(HERE, script[1]), "utf8")));
    const file = new RegExp(`^/courses/([^/]+)/${DEEP_PATH}/(.+)$`).exec(url.pathname);
    const entry = file && this.open(decodeURIComponent(file[1] ?? ""))[decodeURIComponent(file[2] ?? "")];
    if (file && entry) return send(200, contentType(file[2] ?? ""), entry);
    send(404, "text/plain", "Not here.");
  }

  /** The LMS page for one launch: the runtime's configuration (from the manifest and what is stored), then the frame. */
  private page(query: URLSearchParams): string {
    const name = query.get("package") ?? "";
    const key = query.get("attempt") ?? "";
    const files = this.open(name);
    const manifest = Buffer.from(files["imsmanifest.xml"] ?? []).toString("utf8");
    const record = this.attempt(key);
    record.launches++;
    record.facts = manifestFacts(manifest);
    record.version = name.endsWith("-scorm12.zip") ? "1.2" : "2004";
    const config: PageConfig = {
      attempt: key,
      version: record.version,
      launch: {
        learner: { id: "E-1815", name: "Lovelace, Ada" },
        stored: { ...record.stored },
        handsBackInteractions: query.get("handsBack") !== "0",
        ...record.facts,
      },
      launchUrl: `/courses/${encodeURIComponent(name)}/${DEEP_PATH}/${/<resource[^>]*\shref="([^"]+)"/.exec(manifest)?.[1] ?? ""}`,
      postUrl: `/${query.get("unreachable") === "1" ? "unreachable" : "datamodel"}/${key}`,
    };
    return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Strict LMS: ${name.replace(/[<&]/g, "")}</title>
<style>body { margin: 0 } iframe { border: 0; width: 100vw; height: 100vh }</style>
<script>window.strictLms = ${JSON.stringify(config).replace(/</g, "\\u003c")};</script>
<script type="module" src="/strict-lms/lmsPageMain.ts"></script>
</head>
<body><iframe title="Course"></iframe></body>
</html>`;
  }

  private open(name: string): Record<string, Uint8Array> {
    if (!/^[\w.-]+\.zip$/.test(name)) return {};
    let files = this.unzipped.get(name);
    if (!files) {
      files = unzipSync(readFileSync(path.join(this.packagesDir, name)));
      this.unzipped.set(name, files);
    }
    return files;
  }
}

/** What the manifest tells the LMS about judging the attempt. */
function manifestFacts(xml: string): {
  masteryScore?: string;
  scaledPassingScore?: string;
  completionThreshold?: string;
} {
  const mastery = /<adlcp:masteryscore>\s*([\d.]+)\s*</.exec(xml)?.[1];
  const passing =
    /<imsss:primaryObjective[^>]*satisfiedByMeasure="true"[^>]*>\s*<imsss:minNormalizedMeasure>\s*([\d.]+)/.exec(
      xml,
    )?.[1];
  const threshold =
    /<adlcp:completionThreshold(?=[^>]*completedByMeasure="true")[^>]*minProgressMeasure="([\d.]+)"/.exec(xml)?.[1];
  return {
    ...(mastery ? { masteryScore: mastery } : {}),
    ...(passing ? { scaledPassingScore: passing } : {}),
    ...(threshold ? { completionThreshold: threshold } : {}),
  };
}

async function courseFrame(page: Page): Promise<Frame> {
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 50))) {
    const frame = page.frames().find((f) => f.url().includes("/courses/"));
    if (frame) return frame;
  }
  throw new Error("The strict LMS page has no course frame");
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
const contentType = (file: string) => TYPES[path.extname(file)] ?? "application/octet-stream";

import { multipartBytes } from "./postSize.ts";
import { storePost, type LmsLaunch, type LmsTransport } from "./lmsSession.ts";
import { StrictScorm12Runtime } from "./scorm12Runtime.ts";
import { StrictScorm2004Runtime } from "./scorm2004Runtime.ts";

export interface MemoryPost {
  fields: [string, string][];
  final: boolean;
  /** The body's size as a beacon would carry it. */
  bytes: number;
}

/**
 * A strict LMS in memory, for unit tests: its server is a record that keeps what each post sends,
 * and each launch starts from it, as a relaunch in a real LMS does.
 */
export class MemoryLms {
  readonly stored: Record<string, string> = {};
  readonly posts: MemoryPost[] = [];
  /** While true the server is out of reach: every post fails. */
  unreachable = false;
  private readonly options: Omit<LmsLaunch, "stored" | "learner">;

  constructor(options: Omit<LmsLaunch, "stored" | "learner"> = {}) {
    this.options = options;
  }

  private readonly transport: LmsTransport = {
    post: (fields, final) => {
      if (this.unreachable) return false;
      this.posts.push({ fields, final, bytes: multipartBytes(fields) });
      storePost(this.stored, fields);
      return true;
    },
  };

  launch12(): StrictScorm12Runtime {
    return new StrictScorm12Runtime(this.launchData(), this.transport);
  }

  launch2004(): StrictScorm2004Runtime {
    return new StrictScorm2004Runtime(this.launchData(), this.transport);
  }

  private launchData(): LmsLaunch {
    return { ...this.options, learner: { id: "E-1815", name: "Lovelace, Ada" }, stored: { ...this.stored } };
  }
}

/** The SCORM 1.2 runtime API an LMS exposes as `window.API`. */
export interface Scorm12Api {
  LMSInitialize(parameter: ""): string;
  LMSFinish(parameter: ""): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(parameter: ""): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
}

/** The SCORM 2004 runtime API an LMS exposes as `window.API_1484_11`. */
export interface Scorm2004Api {
  Initialize(parameter: ""): string;
  Terminate(parameter: ""): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(parameter: ""): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
}

export type LmsApi = { version: "1.2"; api: Scorm12Api } | { version: "2004"; api: Scorm2004Api };

type ApiWindow = {
  API?: Scorm12Api;
  API_1484_11?: Scorm2004Api;
  parent: ApiWindow;
  top: ApiWindow | null;
  opener?: ApiWindow | null;
};

/** How many frames up to look: real LMSs nest the course a few frames deep, never dozens. */
const MAX_DEPTH = 12;

/**
 * Finds the LMS's API the way the SCORM specs describe: up the `parent` chain to the top, then in
 * the window that opened this one and its parents. A frame from another origin throws on access,
 * which is treated as "not here". `prefer` picks the version this package was built for.
 */
export function findLmsApi(start: ApiWindow, prefer: "1.2" | "2004"): LmsApi | undefined {
  const look = (win: ApiWindow | null | undefined): LmsApi | undefined => {
    for (let depth = 0; win && depth < MAX_DEPTH; depth++) {
      try {
        if (prefer === "2004" && win.API_1484_11) return { version: "2004", api: win.API_1484_11 };
        if (prefer === "1.2" && win.API) return { version: "1.2", api: win.API };
      } catch {
        // another origin: not ours to read
      }
      let parent: ApiWindow | null | undefined;
      try {
        parent = win.parent;
      } catch {
        return undefined;
      }
      if (!parent || parent === win) return undefined;
      win = parent;
    }
    return undefined;
  };
  let opener: ApiWindow | null | undefined;
  try {
    opener = start.top?.opener ?? start.opener;
  } catch {
    opener = undefined;
  }
  return look(start) ?? look(opener);
}

import { describe, expect, it } from "vitest";
import { waitForLmsApi } from "../../src/tracking/scorm/connectLms.ts";
import { findLmsApi } from "../../src/tracking/scorm/findLmsApi.ts";

type FakeWindow = {
  API?: unknown;
  API_1484_11?: unknown;
  parent: FakeWindow;
  top: FakeWindow | null;
  opener?: FakeWindow | null;
};

/** A chain of frames, outermost first; each frame's parent is the one before it. */
function frames(count: number, apis: Record<number, Partial<FakeWindow>> = {}): FakeWindow[] {
  const chain: FakeWindow[] = [];
  for (let i = 0; i < count; i++) {
    const win = { ...apis[i] } as FakeWindow;
    win.parent = chain[i - 1] ?? win;
    chain.push(win);
  }
  for (const win of chain) win.top = chain[0] ?? null;
  return chain;
}

const api12 = { LMSInitialize: () => "true" };
const api2004 = { Initialize: () => "true" };

describe("finding the LMS API", () => {
  it("walks up the parent frames to the one that holds the API", () => {
    const chain = frames(4, { 1: { API: api12 } });
    expect(findLmsApi(chain[3] as never, "1.2")).toEqual({ version: "1.2", api: api12 });
  });

  it("finds the version the package was built for", () => {
    const chain = frames(3, { 0: { API: api12, API_1484_11: api2004 } });
    expect(findLmsApi(chain[2] as never, "2004")).toEqual({ version: "2004", api: api2004 });
  });

  it("looks in the window that opened the course when no frame has the API", () => {
    const opener = frames(2, { 0: { API_1484_11: api2004 } });
    const popup = frames(1);
    (popup[0] as FakeWindow).opener = opener[1];
    expect(findLmsApi(popup[0] as never, "2004")).toEqual({ version: "2004", api: api2004 });
  });

  it("treats a frame from another origin as having no API, without throwing", () => {
    const chain = frames(3, { 0: { API: api12 } });
    Object.defineProperty(chain[1], "API", {
      get() {
        throw new DOMException("Blocked a frame with origin", "SecurityError");
      },
    });
    expect(findLmsApi(chain[2] as never, "1.2")).toEqual({ version: "1.2", api: api12 });
  });

  it("gives up after a bounded number of frames and answers undefined without an LMS", () => {
    expect(findLmsApi(frames(1)[0] as never, "1.2")).toBeUndefined();
    const deep = frames(30, { 0: { API: api12 } });
    expect(findLmsApi(deep[29] as never, "1.2")).toBeUndefined();
  });
});

describe("waiting for an LMS API that arrives late", () => {
  it("finds an API the LMS puts in place a moment after launch", async () => {
    const chain = frames(2);
    setTimeout(() => ((chain[0] as FakeWindow).API_1484_11 = api2004), 150);
    expect(await waitForLmsApi(chain[1] as never, "2004", 1000, 20)).toEqual({ version: "2004", api: api2004 });
  });

  it("gives up after the bounded wait", async () => {
    expect(await waitForLmsApi(frames(2)[1] as never, "1.2", 200, 20)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import {
  closeSession,
  openSession,
  SESSION_HOURS,
  SESSION_IDLE_MINUTES,
  touchSession,
} from "../../src/server/adminSessions.ts";

const MINUTE = 60_000;

describe("HR sessions in the server's memory", () => {
  it("end 8 hours after sign-in, however busy", () => {
    const start = 1_000_000;
    const { id, maxAge } = openSession(start);
    expect(maxAge).toBe(SESSION_HOURS * 3600);
    for (let t = start; t < start + SESSION_HOURS * 60 * MINUTE; t += 20 * MINUTE)
      expect(touchSession(id, t)).toBe(true);
    expect(touchSession(id, start + SESSION_HOURS * 60 * MINUTE)).toBe(false);
  });

  it(`end after ${SESSION_IDLE_MINUTES} minutes unused, and stay ended`, () => {
    const { id } = openSession(0);
    expect(touchSession(id, (SESSION_IDLE_MINUTES - 1) * MINUTE)).toBe(true);
    expect(touchSession(id, (2 * SESSION_IDLE_MINUTES - 1) * MINUTE)).toBe(false);
    expect(touchSession(id, (2 * SESSION_IDLE_MINUTES - 1) * MINUTE + 1)).toBe(false);
  });

  it("end at sign-out, and an unknown or missing id opens nothing", () => {
    const { id } = openSession(0);
    closeSession(id);
    expect(touchSession(id, 1)).toBe(false);
    expect(touchSession(undefined, 1)).toBe(false);
    expect(touchSession("made-up", 1)).toBe(false);
  });

  it("have ids that cannot be guessed from one another", () => {
    const ids = new Set(Array.from({ length: 200 }, () => openSession(0).id));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[\w-]{43}$/);
  });
});

import { describe, expect, it } from "vitest";
import { MemorySessions } from "../../src/records/sessionStore.ts";
import {
  isAdminSession,
  openAdminSession,
  SESSION_HOURS,
  SESSION_IDLE_MINUTES,
} from "../../src/server/adminSessions.ts";

const MINUTE = 60_000;

describe("HR sessions", () => {
  const sessions = new MemorySessions();
  const openSession = (now?: number) => openAdminSession(sessions, now);
  const touchSession = (id: string | undefined, now?: number) => isAdminSession(sessions, id, now);

  it("end 8 hours after sign-in, however busy", async () => {
    const start = 1_000_000;
    const { id, maxAge } = await openSession(start);
    expect(maxAge).toBe(SESSION_HOURS * 3600);
    for (let t = start; t < start + SESSION_HOURS * 60 * MINUTE; t += 20 * MINUTE)
      expect(await touchSession(id, t)).toBe(true);
    expect(await touchSession(id, start + SESSION_HOURS * 60 * MINUTE)).toBe(false);
  });

  it(`end after ${SESSION_IDLE_MINUTES} minutes unused, and stay ended`, async () => {
    const { id } = await openSession(0);
    expect(await touchSession(id, (SESSION_IDLE_MINUTES - 1) * MINUTE)).toBe(true);
    expect(await touchSession(id, (2 * SESSION_IDLE_MINUTES - 1) * MINUTE)).toBe(false);
    expect(await touchSession(id, (2 * SESSION_IDLE_MINUTES - 1) * MINUTE + 1)).toBe(false);
  });

  it("end at sign-out, and an unknown or missing id opens nothing", async () => {
    const { id } = await openSession(0);
    await sessions.end(id);
    expect(await touchSession(id, 1)).toBe(false);
    expect(await touchSession(undefined, 1)).toBe(false);
    expect(await touchSession("made-up", 1)).toBe(false);
  });

  it("have ids that cannot be guessed from one another", async () => {
    const ids = new Set(await Promise.all(Array.from({ length: 200 }, async () => (await openSession(0)).id)));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[\w-]{43}$/);
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/**
 * Finds a Chromium to drive, installing Debian's package when we can (root with apt-get).
 * Browser tests never skip: without a browser they fail and say how to get one.
 */
export function ensureChromium(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(
      `CHROMIUM_PATH is set to ${configured}, which does not exist. Point it at a Chromium or Chrome binary, or unset it.`,
    );
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("No Chromium found: installing Debian's chromium package (about a minute)…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "The browser tests need Chromium and none was found. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary, then run npm test again.",
  );
}

// Without the networking flags Chromium keeps trying to reach Google's services, which a closed network refuses.
export const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes Chromium and removes its throwaway profile. */
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile, as a learner's browser would start. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "aup-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
}

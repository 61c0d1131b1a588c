import { toPercent } from "../../course/scoring.ts";
import type { AcknowledgementReceipt } from "../tracker.ts";

// The receipt of an acknowledgement made in the LMS, kept in the LMS's location (bookmark) element so
// that a relaunch of a finished attempt shows it again. One line within SCORM 1.2's 255 characters:
// "r1|<ISO time>|<score %>|<policy version>|<policy SHA-256>|<typed name>".
const PREFIX = "r1|";

export function writeReceipt({
  acknowledgedAt,
  score,
  policyVersion,
  policyHash,
  name,
}: AcknowledgementReceipt): string {
  return `${PREFIX}${[acknowledgedAt, toPercent(score), policyVersion, policyHash, name].join("|")}`.slice(0, 255);
}

/** The receipt kept in `location`, or undefined when it holds none. */
export function readReceipt(location: string, version: string): AcknowledgementReceipt | undefined {
  if (!location.startsWith(PREFIX)) return undefined;
  const [acknowledgedAt = "", score = "", policyVersion = "", policyHash = "", ...name] = location
    .slice(PREFIX.length)
    .split("|");
  return {
    name: name.join("|"),
    policyVersion,
    policyHash,
    acknowledgedAt,
    score: Number(score) / 100,
    storedIn: `your organisation's LMS (SCORM ${version})`,
  };
}

import type { Outcome } from "../../schemas/scenario.ts";
import type { ScenarioPlay } from "../tracker.ts";

// A scenario play as an LMS interaction, in words every common LMS accepts: letters, digits, _ and .
// in identifiers and responses (Moodle refuses a 2004 choice response such as "choice-3"), short
// enough that a whole state of them still fits the beacon an LMS sends as the page goes.

/** "client-email-summary", attempt 2 → "client_email_summary.a2". */
export const playId = (play: ScenarioPlay) => `${play.scenarioId.replace(/\W/g, "_").slice(0, 48)}.a${play.attempt}`;

/** The choices in order as letters (a is each question's first choice): "b,a" in 1.2, "b[,]a" in 2004. */
export const playResponse = (play: ScenarioPlay, delimiter: string) =>
  play.answers.map((a) => String.fromCharCode(97 + a.choice)).join(delimiter);

/** The play's verdict: right throughout, wrong throughout, or in between. */
export const playResult = (play: ScenarioPlay): Outcome =>
  play.score === 1 ? "correct" : play.score === 0 ? "incorrect" : "partial";

/** The readable text: the scenario's question and, for each choice, the clause it rests on and how it went; at most 120 characters. */
export function playDescription(play: ScenarioPlay): string {
  const choices = ` (${play.answers.map((a) => `${a.clause} ${a.outcome}`).join(", ")})`;
  const room = 120 - choices.length;
  const title = play.title.length > room ? `${play.title.slice(0, Math.max(0, room - 1))}…` : play.title;
  return `${title}${choices}`.slice(0, 120);
}

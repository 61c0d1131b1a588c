// The value formats strict LMSs check, written from the SCORM 1.2 and 2004 4th Edition run-time
// specifications and from what Moodle's runtimes refuse. Each is a predicate on the value a SCO sets.
// No imports: the strict LMS page loads this file in the browser as it is (types stripped).

const full = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const test = (pattern: RegExp) => (value: string) => pattern.test(value);

/** Some LMSs check scores with this pattern besides the 0 to 100 range: 100, 100.0, 0 to 99.99… */
export const LMS_SCORE_PATTERN = /^100(\.0+)?$|^\d?\d(\.\d+)?$/;

// --- SCORM 1.2 -------------------------------------------------------------------------------

/** CMITimespan: HHHH:MM:SS.SS, hours two to four digits, at most two decimals of a second. */
export const isTimespan12 = test(full(String.raw`\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?`));
/** CMITime: a time of day, HH:MM:SS with optional hundredths. */
export const isTime12 = test(full(String.raw`([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?`));
/** CMIDecimal: a signed decimal number. */
export const isDecimal12 = test(full(String.raw`-?\d+(\.\d+)?`));
/** CMIIdentifier: printable ASCII without spaces, 1 to 255 characters. */
export const isIdentifier12 = test(/^[\x21-\x7E]{1,255}$/);
/** A 1.2 score (raw, min, max): blank, or a decimal from 0 to 100 that also fits the LMS score pattern. */
export const isScore12 = (value: string) =>
  value === "" || (isDecimal12(value) && Number(value) >= 0 && Number(value) <= 100 && LMS_SCORE_PATTERN.test(value));

/** What a 1.2 student_response may hold, by interaction type (RTE 3.4.2.2, cmi.interactions.n.student_response). */
export function isStudentResponse12(type: string | undefined, value: string): boolean {
  const chars = /^[0-9a-z](,[0-9a-z])*$/; // single characters 0-9 and a-z, separated by commas
  switch (type) {
    case "true-false":
      return /^[01tf]$/.test(value);
    case "choice":
      return chars.test(value) || /^\{[0-9a-z](,[0-9a-z])*\}$/.test(value);
    case "sequencing":
      return chars.test(value);
    case "likert":
      return /^[0-9a-z]?$/.test(value);
    case "matching":
      return /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/.test(value);
    case "numeric":
      return isDecimal12(value);
    default: // fill-in, performance, or a type not set: CMIString255
      return value.length <= 255;
  }
}

// --- SCORM 2004 4th Edition --------------------------------------------------------------------

/** timeinterval (second,10,2): an ISO 8601 duration such as PT1H2M3.45S; "P" and "PT" alone are not durations. */
export const isTimeinterval = (value: string) =>
  /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/.test(value) &&
  !/^PT?$/.test(value) &&
  !value.endsWith("T");

/** time (second,10,0): an ISO 8601 timestamp from 1970 to 2038, to the second or to hundredths, with an optional zone. */
export const isTimestamp = test(
  full(
    String.raw`(19[7-9]\d|20[0-2]\d|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2})?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?`,
  ),
);
/** real(10,7): a decimal number with at most seven decimals. */
export const isReal = test(full(String.raw`-?\d{1,10}(\.\d{1,7})?`));
/** long_identifier_type: no spaces, at most 4,000 characters; a URN when it starts with urn:. */
export const isLongIdentifier = (value: string) =>
  /^\S{1,4000}$/.test(value) &&
  (!value.toLowerCase().startsWith("urn:") ||
    /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:[\w()+,\-.:=@;$!*'%/?#]+$/i.test(value));
/** short_identifier_type as Moodle checks it in responses: letters, digits, _ and . only. */
export const isShortIdentifier = test(/^[\w.]{1,250}$/);
/** localized_string_type: an optional {lang=…} prefix, then at most `max` characters. */
export const isLocalizedString = (value: string, max: number) => {
  const match = /^\{lang=([A-Za-z]{2,3}|i|x)(-[A-Za-z0-9-]{2,8})?\}/.exec(value);
  return (match ? value.slice(match[0].length) : value).length <= max;
};
/** A 2004 score (raw, min, max): a real number that also fits the LMS score pattern (0 to 100). */
export const isScore2004 = (value: string) => isReal(value) && LMS_SCORE_PATTERN.test(value);

/** What a 2004 learner_response may hold, by interaction type (RTE 4.2.9.2), with Moodle's short identifiers. */
export function isLearnerResponse2004(type: string, value: string): boolean {
  const list = (max: number, unique: boolean, item: (part: string) => boolean) => {
    const parts = value.split("[,]");
    return parts.length <= max && parts.every(item) && (!unique || new Set(parts).size === parts.length);
  };
  switch (type) {
    case "true-false":
      return value === "true" || value === "false";
    case "choice":
      return list(36, true, isShortIdentifier);
    case "sequencing":
      return list(36, false, isShortIdentifier);
    case "likert":
      return isShortIdentifier(value);
    case "matching":
      return list(36, false, (pair) => pair.split("[.]").length === 2 && pair.split("[.]").every(isShortIdentifier));
    case "fill-in":
      return list(10, false, (part) => isLocalizedString(part, 250));
    case "long-fill-in":
      return isLocalizedString(value, 4000);
    case "numeric":
      return isReal(value);
    case "performance":
      return list(250, false, (step) => step.split("[.]").length <= 2);
    default: // other
      return value.length <= 4000;
  }
}

// --- Durations, for total_time -------------------------------------------------------------------

/** A 1.2 CMITimespan in hundredths of a second. */
export function timespan12Centis(value: string): number {
  const [h = "0", m = "0", s = "0"] = value.split(":");
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 100);
}

export function centisToTimespan12(centis: number): string {
  const pad = (n: number, w = 2) => String(Math.floor(n)).padStart(w, "0");
  const seconds = (centis % 6000) / 100;
  return `${pad(centis / 360000, 4)}:${pad((centis % 360000) / 6000)}:${seconds.toFixed(2).padStart(5, "0")}`;
}

/** A 2004 timeinterval in hundredths of a second (years and months counted as 365 and 30 days). */
export function timeintervalCentis(value: string): number {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match) return 0;
  const [, y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = match.map((part) => Number(part ?? 0));
  return Math.round(((((Number(y) * 365 + Number(mo) * 30 + Number(d)) * 24 + h) * 60 + mi) * 60 + s) * 100);
}

export function centisToTimeinterval(centis: number): string {
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours}H${minutes}M${seconds}S`;
}

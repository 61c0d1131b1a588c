/** Time formats each SCORM version requires; LMSs refuse values in the other's format. */

const pad = (n: number, width = 2) => String(Math.floor(n)).padStart(width, "0");

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours at least two digits, at most four). */
export function scorm12Duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.min(9999, Math.floor(total / 3600));
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = (total % 60).toFixed(2).padStart(5, "0");
  return `${pad(hours, 4)}:${pad(minutes)}:${seconds}`;
}

/** SCORM 1.2 CMITime: HH:MM:SS, the time of day. */
export function scorm12Time(at: Date): string {
  return `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
}

/** SCORM 2004 timeinterval (second,10,2): ISO 8601 duration such as PT1H2M3.45S. */
export function scorm2004Duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 10)) / 100;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = Number((total % 60).toFixed(2));
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds}S`;
}

/** SCORM 2004 time (second,10,0): ISO 8601 timestamp to the second, in UTC. */
export function scorm2004Timestamp(at: Date): string {
  return at.toISOString().slice(0, 19);
}

import { RecordSchema, type AcknowledgementRecord } from "./record.ts";
import { LineDamage } from "./lineDamage.ts";
import { checkStoredShape } from "./storedShape.ts";

/**
 * One line of the journal as a record: it must be valid JSON and of the record's shape. Otherwise
 * a LineDamage names the file and the line (counted from 1), says what is wrong, then `fix`.
 */
export function parseRecordLine(file: string, line: string, number: number, fix: string): AcknowledgementRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new LineDamage(file, { line: number, problem: `is not valid JSON (${(error as Error).message})`, fix });
  }
  const checked = checkStoredShape(RecordSchema, value);
  if (!checked.ok)
    throw new LineDamage(file, {
      line: number,
      problem: `is not an acknowledgement record in the shape this version writes: ${checked.problems}`,
      fix,
    });
  // zod rebuilds every object with its keys in the schema's order. Hand on the object as it was
  // written instead, so that a record read back (an export, a repeated answer) is the record as
  // stored: a strict schema without defaults or transforms has just shown it is exactly this type.
  return value as AcknowledgementRecord;
}

/** Whether `line` is valid JSON at all: a last line that is not was cut short by a crash. */
export function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

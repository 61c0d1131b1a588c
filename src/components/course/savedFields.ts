import type { AcknowledgementFields } from "../../lib/acknowledgementFields.ts";

/**
 * The acknowledgement form's fields, kept in this tab while the learner types, so that a reload does
 * not make them start again. Session storage: it goes with the tab, which matters on a shared
 * computer, and it may be missing (a locked-down LMS frame), in which case the form simply starts empty.
 */
const keyOf = (courseKey: string) => `aup-course:acknowledgement-fields:${courseKey}`;
const EMPTY: AcknowledgementFields = { name: "", email: "", employeeId: "", typedName: "" };

export function loadFields(courseKey: string): AcknowledgementFields {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(keyOf(courseKey)) ?? "{}");
    const fields = { ...EMPTY };
    if (saved && typeof saved === "object")
      for (const key of Object.keys(EMPTY) as (keyof AcknowledgementFields)[]) {
        const value = (saved as Record<string, unknown>)[key];
        if (typeof value === "string") fields[key] = value;
      }
    return fields;
  } catch {
    return { ...EMPTY };
  }
}

export function saveFields(courseKey: string, fields: AcknowledgementFields): void {
  try {
    sessionStorage.setItem(keyOf(courseKey), JSON.stringify(fields));
  } catch {
    // Storage full or refused: the fields stay on the page, only a reload loses them.
  }
}

/** Once the acknowledgement is recorded the typed details have no further use in the browser. */
export function forgetFields(courseKey: string): void {
  try {
    sessionStorage.removeItem(keyOf(courseKey));
  } catch {
    // Nothing was kept.
  }
}

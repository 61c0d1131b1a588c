// How many bytes an LMS's post takes on the wire, to hold beacons to the browser's keepalive budget.
// No imports: the strict LMS page loads this file in the browser as it is.

/**
 * Chromium refuses a keepalive request (sendBeacon, fetch with keepalive) when the bodies of the
 * keepalive requests its page has in flight would pass 64 KiB: the request is not sent at all.
 */
export const KEEPALIVE_BUDGET = 64 * 1024;

const utf8 = new TextEncoder();
const bytes = (text: string) => utf8.encode(text).length;

/** Chromium's multipart boundary: "----WebKitFormBoundary" and 16 random characters. */
const BOUNDARY_LENGTH = 22 + 16;

/**
 * The size of a FormData body as Chromium serialises it (what Moodle sends as a beacon): each field
 * is a boundary line, a Content-Disposition header with its name, a blank line and the value.
 */
export function multipartBytes(fields: readonly (readonly [string, string])[]): number {
  const perField = `--${"x".repeat(BOUNDARY_LENGTH)}\r\nContent-Disposition: form-data; name=""\r\n\r\n\r\n`.length;
  const closing = `--${"x".repeat(BOUNDARY_LENGTH)}--\r\n`.length;
  return fields.reduce((sum, [name, value]) => sum + perField + bytes(name) + bytes(value), closing);
}

/** The size of the same fields as an application/x-www-form-urlencoded body (what Moodle sends while the page lives). */
export function urlencodedBytes(fields: readonly (readonly [string, string])[]): number {
  return bytes(new URLSearchParams(fields.map(([name, value]) => [name, value])).toString());
}

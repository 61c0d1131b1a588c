import { BodyError, readTextBody } from "./readBody.ts";

/** The form holds one field: a token is tens of characters, so 16 KB is generous and cheap. */
const FORM_LIMIT = 16 * 1024;
const FORM_TYPES = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * The token typed into the sign-in form, from a urlencoded or multipart body. Anything else (JSON,
 * text, no content type, a broken multipart body, a body too large) is a BodyError that says what
 * the page expects, instead of the exception the form parser throws.
 */
export async function submittedToken(request: Request): Promise<string> {
  const type = request.headers.get("content-type") ?? "";
  if (!FORM_TYPES.test(type))
    throw new BodyError(
      415,
      `The sign-in form is sent as application/x-www-form-urlencoded or multipart/form-data, as a browser sends it; this request ${type ? `was ${type.split(";")[0]}` : "had no Content-Type"}. Send the field token=<admin token>, or call the API with Authorization: Bearer <token> instead.`,
    );
  const body = await readTextBody(request, FORM_LIMIT, "The sign-in form has a single token field.");
  let form: FormData;
  try {
    form = await new Request(request.url, { method: "POST", headers: { "content-type": type }, body }).formData();
  } catch {
    throw new BodyError(
      400,
      "The sign-in form could not be read: its body does not match its Content-Type. Sign in from the page's form.",
    );
  }
  const token = form.get("token");
  if (typeof token !== "string")
    throw new BodyError(400, "The sign-in form has no token field. Type the admin token into the form and sign in.");
  return token.trim();
}

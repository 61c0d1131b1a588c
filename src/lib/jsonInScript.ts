/**
 * JSON to put inside a `<script type="application/json">`: every `<` written as `\u003c`, which
 * JSON.parse reads back as `<`, so that no `</script>` or `<!--` in the data can end or change the
 * element. Data in a script element needs no HTML escaping, unlike an attribute, where each quote
 * would become `&quot;` (about 1.2 KB more of the refresher page, brotli).
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

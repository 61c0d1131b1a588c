/** Whether two typed names are the same person's name, ignoring case, spacing and Unicode form. */
export function sameName(a: string, b: string): boolean {
  const normal = (name: string) => name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("en");
  return normal(a) === normal(b);
}

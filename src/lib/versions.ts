/** Policy versions are "1.0" or "1.2.0": compared part by part as numbers, a missing part counting as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference) return Math.sign(difference);
  }
  return 0;
}

/** The versions that follow `version` for a wording change and for a material one, to name in a fix. */
export function nextVersions(version: string): { minor: string; material: string } {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return { minor: `${major}.${minor}.${patch + 1}`, material: `${major}.${minor + 1}.0` };
}

import path from "node:path";

/**
 * Where the content lives. `AUP_CONTENT_DIR` lets tests and organisations build from another
 * folder (for example a private repository checked out beside this one).
 */
export function contentDir(): string {
  return path.resolve(process.env.AUP_CONTENT_DIR ?? "content");
}

/** A path as people should read it in messages: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

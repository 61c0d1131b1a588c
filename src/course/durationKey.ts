import type { ProductAudience } from "./courseDefinition.ts";

/**
 * The key of `CourseDefinition.duration` for a choice of products: the ticked ones, in the order the
 * course offers them. Its own file, so that the course island looks a duration up without the code that works it out.
 */
export function durationKey(offered: readonly ProductAudience[], ticked: readonly ProductAudience[]): string {
  return offered.filter((audience) => ticked.includes(audience)).join(" ");
}

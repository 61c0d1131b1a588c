import { hydrateRoot } from "react-dom/client";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import CourseApp from "./CourseApp.tsx";
import type { CourseMode } from "./courseMode.ts";

/**
 * Starts the course island in #course-island, which carries the course as JSON in `data-course`
 * and the island's first screen as the server rendered it (CoursePage.astro): React hydrates that
 * markup rather than replacing it, so the first screen never waits for the script. The page mounts
 * the island itself rather than through a client directive: Astro's island loader would cost about
 * 2.8 KB of the course page's 90 KB first-load budget.
 */
export function mountCourse(mode: CourseMode): void {
  const host = document.getElementById("course-island");
  if (!host) return;
  const course = JSON.parse(host.dataset.course ?? "null") as CourseDefinition;
  hydrateRoot(host, <CourseApp course={course} mode={mode} />);
}

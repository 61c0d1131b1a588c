import { createRoot } from "react-dom/client";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import CourseApp from "./CourseApp.tsx";
import type { CourseMode } from "./courseMode.ts";

/**
 * Starts the course island in #course-island, which carries the course as JSON in `data-course`
 * (CoursePage.astro). The page mounts it itself rather than through a client directive: Astro's
 * island loader would cost about 2.8 KB of the course page's 90 KB first-load budget.
 */
export function mountCourse(mode: CourseMode): void {
  const host = document.getElementById("course-island");
  if (!host) return;
  const course = JSON.parse(host.dataset.course ?? "null") as CourseDefinition;
  createRoot(host).render(<CourseApp course={course} mode={mode} />);
}

import { useEffect, useState, useSyncExternalStore } from "react";
import { createActor, type ActorRefFrom } from "xstate";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import type { FirstAttemptPlan } from "../../course/firstAttempt.ts";
import { createCourseMachine, type CourseMachine } from "../../machines/courseMachine.ts";
import { trackCourse } from "../../machines/trackCourse.ts";
import type { Tracker, TrackerStart } from "../../tracking/tracker.ts";

export type CourseActor = ActorRefFrom<CourseMachine>;

export interface StartedCourse {
  actor: CourseActor;
  tracker: Tracker;
  /** What the tracker knew when the course started. */
  start: TrackerStart;
}

/** Makes and starts the tracker, then the course actor reporting to it with any saved progress; undefined while starting. */
export function useCourseActor(
  course: CourseDefinition,
  plan: FirstAttemptPlan,
  createTracker: () => Promise<Tracker>,
): StartedCourse | undefined {
  const [started, setStarted] = useState<StartedCourse>();
  useEffect(() => {
    let actor: CourseActor | undefined;
    let cancelled = false;
    void createTracker().then(async (tracker) => {
      const start = await tracker.start();
      if (cancelled) return;
      const { progress, receipt, learner } = start;
      actor = createActor(trackCourse(createCourseMachine(course, plan), tracker), {
        input: { course, progress, receipt, learner },
      }).start();
      setStarted({ actor, tracker, start });
    });
    return () => {
      cancelled = true;
      actor?.stop();
    };
    // The course and tracker are fixed for the life of the page: start once.
  }, []);
  return started;
}

/** The actor's current snapshot, re-rendering on every change; undefined while there is no actor (the server's HTML). */
export function useSnapshot(actor: CourseActor | undefined) {
  const snapshot = () => actor?.getSnapshot();
  return useSyncExternalStore(
    (onChange) => {
      const subscription = actor?.subscribe(onChange);
      return () => subscription?.unsubscribe();
    },
    snapshot,
    snapshot, // on the server and while hydrating, as on the client
  );
}

import { useEffect, useState, useSyncExternalStore } from "react";
import { createActor, type ActorRefFrom } from "xstate";
import type { CourseDefinition } from "../../course/courseDefinition.ts";
import { createCourseMachine, type CourseMachine } from "../../machines/courseMachine.ts";
import type { Tracker } from "../../tracking/tracker.ts";

export type CourseActor = ActorRefFrom<CourseMachine>;

/** Starts the tracker, then the course actor with any saved progress; undefined while starting. */
export function useCourseActor(course: CourseDefinition, createTracker: () => Tracker): CourseActor | undefined {
  const [actor, setActor] = useState<CourseActor>();
  useEffect(() => {
    let started: CourseActor | undefined;
    let cancelled = false;
    const tracker = createTracker();
    void tracker.start().then(({ progress, receipt, learner }) => {
      if (cancelled) return;
      started = createActor(createCourseMachine(course), {
        input: { course, tracker, progress, receipt, learner },
      }).start();
      setActor(started);
    });
    return () => {
      cancelled = true;
      started?.stop();
    };
    // The course and tracker are fixed for the life of the page: start once.
  }, []);
  return actor;
}

/** The actor's current snapshot, re-rendering on every change. */
export function useSnapshot(actor: CourseActor) {
  return useSyncExternalStore(
    (onChange) => {
      const subscription = actor.subscribe(onChange);
      return () => subscription.unsubscribe();
    },
    () => actor.getSnapshot(),
  );
}

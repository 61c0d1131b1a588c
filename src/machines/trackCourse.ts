import { fromPromise } from "xstate";
import type { AcknowledgementReceipt, AcknowledgementRequest, Tracker } from "../tracking/tracker.ts";
import type { CourseMachine } from "./courseMachine.ts";

/** The course machine reporting to a target's tracker: its named effects, implemented by the tracker. */
export function trackCourse(machine: CourseMachine, tracker: Tracker) {
  return machine.provide({
    actions: {
      saveProgress: (_, { progress, measure }) => tracker.saveProgress(progress, measure),
      reportScenario: (_, play) => play && tracker.reportScenario(play),
      reportResult: (_, result) => result && tracker.reportResult(result),
    },
    actors: {
      recordAcknowledgement: fromPromise<AcknowledgementReceipt, AcknowledgementRequest>(({ input }) =>
        tracker.recordAcknowledgement(input),
      ),
    },
  });
}

import { createMachine, type setup } from "xstate";

/**
 * xstate's setup() with its types but only the part the machines use: setup() also returns every
 * action creator (log, emit, spawnChild, enqueueActions…), which keeps them all in the course page's
 * first-load JavaScript (budget in docs/DESIGN.md). The machines call `.createMachine` and nothing else.
 */
export const lightSetup = ((implementations: Parameters<typeof setup>[0]) => ({
  createMachine: (config: Parameters<typeof createMachine>[0]) =>
    createMachine({ ...config, schemas: implementations.schemas }, implementations as never),
})) as unknown as typeof setup;

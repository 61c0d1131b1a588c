import type { Employee } from "../schemas/employee.ts";

/** Who made a record, as the record says: an id, an email, and whether the learner typed them. */
export interface RecordIdentity {
  id: string;
  email: string;
  selfAsserted: boolean;
}

/**
 * The one roster employee a record counts for: the one whose id it carries when the learner typed
 * who they are, the one whose email it carries behind single sign-on (which vouches for the email).
 * When its id and email belong to two different employees it counts for neither (`conflict`).
 */
export function matchIdentity<T>(
  identity: RecordIdentity,
  byId: ReadonlyMap<string, T>,
  byEmail: ReadonlyMap<string, T>,
): { owner?: T; conflict?: [idOwner: T, emailOwner: T] } {
  const idOwner = byId.get(identity.id);
  const emailOwner = byEmail.get(identity.email.toLowerCase());
  if (idOwner && emailOwner && idOwner !== emailOwner) return { conflict: [idOwner, emailOwner] };
  return { owner: identity.selfAsserted ? idOwner : emailOwner };
}

/** The roster's id and department of each employee, by id and by email: what the records CSV names. */
export interface RosterLookup {
  byId: Map<string, RosterRef>;
  byEmail: Map<string, RosterRef>;
}

export interface RosterRef {
  id: string;
  department: string;
}

/** A lookup small enough to hand to the CSV export's worker threads (plain maps, copied once each). */
export function rosterLookup(roster: readonly Employee[]): RosterLookup {
  const refs = roster.map((e) => [e, { id: e.id, department: e.department }] as const);
  return {
    byId: new Map(refs.map(([e, ref]) => [e.id, ref])),
    byEmail: new Map(refs.map(([e, ref]) => [e.email.toLowerCase(), ref])),
  };
}

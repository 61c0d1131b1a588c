import type { ReactNode } from "react";
import { pageHref } from "../../site/target.ts";

/**
 * A link to the policy page that opens it in a new tab: in an LMS, following a link in the course's
 * own frame would unload the course and end its session, and on the site the course stays open too.
 */
export function PolicyLink({ anchor, children }: { anchor?: string; children: ReactNode }) {
  return (
    <a href={pageHref("policy", anchor)} target="_blank" rel="noopener">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

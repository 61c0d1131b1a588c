/** What shows where a part of the later chunk goes while it loads, or if the network refused it. */
export function LaterPending({ failed }: { failed: boolean }) {
  return failed ? (
    <p className="form-error" role="alert">
      The next step could not be loaded. Check your connection and reload the page: your progress is saved.
    </p>
  ) : (
    <p className="course-loading">Loading…</p>
  );
}

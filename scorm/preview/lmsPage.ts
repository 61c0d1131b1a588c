/**
 * The page of the local LMS: it provides the SCORM API with scorm-again, frames the course from
 * a deep path (as real LMSs do), keeps the CMI data in localStorage so that a relaunch resumes,
 * and shows the live CMI data to the course author.
 */
export function lmsPage(packageName: string, version: "scorm12" | "scorm2004", launchUrl: string): string {
  const is12 = version === "scorm12";
  const escaped = JSON.stringify(packageName);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Local LMS preview: ${packageName.replace(/[<&]/g, "")}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: minmax(0, 2fr) minmax(18rem, 1fr); height: 100vh; }
  iframe { border: 0; width: 100%; height: 100%; }
  aside { overflow: auto; padding: 0.75rem 1rem; background: #f6f7f9; border-left: 1px solid #d9dde3; font-size: 0.85rem; }
  pre { white-space: pre-wrap; word-break: break-all; }
</style>
<script src="/scorm-again/${is12 ? "scorm12" : "scorm2004"}.min.js"></script>
<script>
  // One learner attempt per ?attempt=…: Reset starts a new one (clearing storage would not do, as
  // the course saves again while it unloads).
  const attempt = new URLSearchParams(location.search).get("attempt") || "1";
  const key = "aup-lms:" + ${escaped} + ":" + attempt;
  const saved = JSON.parse(localStorage.getItem(key) || "null");
  const api = new ${is12 ? "Scorm12API" : "Scorm2004API"}({ autocommit: false, logLevel: 5 });
  const learner = ${is12 ? `{ core: { student_id: "E-1815", student_name: "Lovelace, Ada" } }` : `{ learner_id: "E-1815", learner_name: "Lovelace, Ada" }`};
  if (saved) {
    // Like Moodle: offer the saved progress (entry "resume") only when the course exited with "suspend".
    ${is12 ? `if (saved.core && saved.core.exit === "suspend") saved.core.entry = "resume";` : `if (saved.exit === "suspend") saved.entry = "resume";`}
    api.loadFromJSON(saved);
  } else api.loadFromJSON(learner);
  const keep = () => localStorage.setItem(key, JSON.stringify(api.renderCMIToJSONObject().cmi ?? api.renderCMIToJSONObject()));
  api.on("${is12 ? "LMSCommit" : "Commit"}", keep);
  api.on("${is12 ? "LMSFinish" : "Terminate"}", keep);
  window.${is12 ? "API" : "API_1484_11"} = api;
  // Reset starts a new attempt. It lives here, not in the button's onclick: inside an inline handler
  // the document comes first in scope, so URL there is document.URL, a string, not the constructor.
  function resetAttempt() {
    const url = new URL(location.href);
    url.searchParams.set("attempt", String(Date.now()));
    location.href = url.href;
  }
  setInterval(() => { document.getElementById("cmi").textContent = JSON.stringify(api.renderCMIToJSONObject(), null, 1); }, 500);
</script>
</head>
<body>
<main><iframe title="Course" src="${launchUrl}"></iframe></main>
<aside aria-label="Live CMI data">
  <p><strong>${is12 ? "SCORM 1.2" : "SCORM 2004"}</strong>, learner E-1815 (Ada Lovelace).
  <button type="button" onclick="location.reload()">Relaunch</button>
  <button type="button" onclick="resetAttempt()">Reset</button></p>
  <pre id="cmi"></pre>
</aside>
</body>
</html>`;
}

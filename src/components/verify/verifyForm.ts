// The /verify page's one script: reads the two fields (typed, pasted, dropped or chosen files),
// checks the receipt with the same code as npm run verify-receipt, and says what it found. The
// result goes to a status region; a problem goes under the field it concerns, which names it in
// aria-describedby, and is announced as an alert.
import { receiptFacts } from "../../evidence/receiptFacts.ts";
import { verifyReceipt } from "../../evidence/verifyReceipt.ts";
import { NO_WEB_CRYPTO } from "../../evidence/webCrypto.ts";

type FieldName = "receipt" | "jwks";

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = element<HTMLFormElement>("verify-form");
const result = element<HTMLElement>("verify-result");
const fields = {
  receipt: element<HTMLTextAreaElement>("receipt"),
  jwks: element<HTMLTextAreaElement>("jwks"),
};

function showProblem(name: FieldName, problem: string): void {
  const field = fields[name];
  element(`${name}-error`).textContent = problem;
  field.setAttribute("aria-invalid", "true");
  field.setAttribute("aria-describedby", `${name}-hint ${name}-error`);
}

function clearProblems(): void {
  for (const name of ["receipt", "jwks"] as const) {
    element(`${name}-error`).textContent = "";
    fields[name].removeAttribute("aria-invalid");
    fields[name].setAttribute("aria-describedby", `${name}-hint`);
  }
  result.replaceChildren();
}

function showVerified(facts: [string, string][]): void {
  const heading = document.createElement("h2");
  heading.textContent = "Receipt verified";
  const lede = document.createElement("p");
  lede.textContent =
    "The receipt and its checkpoint are signed with the public keys given, and the record is in the log.";
  const list = document.createElement("dl");
  list.className = "receipt";
  for (const [label, value] of facts) {
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = value;
    list.append(term, detail);
  }
  result.replaceChildren(heading, lede, list);
}

async function verify(): Promise<void> {
  clearProblems();
  const receipt = fields.receipt.value;
  const jwks = fields.jwks.value;
  if (!receipt.trim()) showProblem("receipt", "Paste the receipt, or drop or choose its .jws file.");
  if (!jwks.trim())
    showProblem("jwks", "Paste the public keys, or drop or choose jwks.json (from /.well-known/jwks.json).");
  if (!receipt.trim() || !jwks.trim()) return;
  if (!globalThis.crypto?.subtle) return showProblem("receipt", NO_WEB_CRYPTO);
  const verified = await verifyReceipt(receipt, jwks);
  if (verified.ok) showVerified(receiptFacts(verified));
  else showProblem(verified.subject === "keys" ? "jwks" : "receipt", verified.problem);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void verify();
});

/** Puts a chosen or dropped file's text into its field. */
async function load(name: FieldName, file: File | undefined): Promise<void> {
  if (!file) return;
  fields[name].value = await file.text();
  fields[name].focus();
}

for (const input of document.querySelectorAll<HTMLInputElement>("input[data-into]")) {
  const name = input.dataset.into as FieldName;
  input.addEventListener("change", () => void load(name, input.files?.[0]));
}
for (const zone of document.querySelectorAll<HTMLElement>("[data-drop]")) {
  const name = zone.dataset.drop as FieldName;
  zone.addEventListener("dragover", (event) => {
    event.preventDefault(); // allows the drop
    zone.classList.add("is-dropping");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("is-dropping"));
  zone.addEventListener("drop", (event) => {
    zone.classList.remove("is-dropping");
    const file = event.dataTransfer?.files[0];
    if (!file) return; // dropped text goes into the field as the browser does it
    event.preventDefault();
    void load(name, file);
  });
}

// WebCrypto is there only in a secure context: say so before anyone pastes anything.
if (!globalThis.crypto?.subtle) {
  const notice = element("verify-crypto");
  notice.textContent = NO_WEB_CRYPTO;
  notice.hidden = false;
}

// A made-up organisation for the scale benchmarks and the huge-journal test: employee k (from 0) has
// the same id, name and email in the roster CSV and in the records seeded for them, so that the HR
// dashboard matches records to people as it would in a real deployment.

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton"];
const DEPARTMENTS = [
  "Finance",
  "Legal",
  "Engineering",
  "Sales",
  "Marketing",
  "People",
  "Operations",
  "Customer Support",
  "Risk",
  "Procurement",
];

export interface SyntheticEmployee {
  id: string;
  name: string;
  email: string;
  department: string;
  /** YYYY-MM-DD */
  startDate: string;
  manager: string;
}

/** Employee k of the organisation. */
export function syntheticEmployee(k: number): SyntheticEmployee {
  const first = FIRST[k % FIRST.length] ?? "";
  const last = LAST[Math.floor(k / FIRST.length) % LAST.length] ?? "";
  const start = new Date(Date.UTC(2020, 0, 1) + (k % 1500) * 86_400_000);
  return {
    id: `E-${String(k).padStart(6, "0")}`,
    name: `${first} ${last} ${k}`,
    email: `${first}.${last}.${k}@kestrel.example`.toLowerCase(),
    department: DEPARTMENTS[k % DEPARTMENTS.length] ?? "",
    startDate: start.toISOString().slice(0, 10),
    manager: `${FIRST[(k + 3) % FIRST.length]} ${LAST[(k + 5) % LAST.length]}`,
  };
}

/** The roster CSV of `count` employees, as `npm run roster -- import` and the dashboard's import take it. */
export function syntheticRosterCsv(count: number): string {
  const rows = ["id,name,email,department,start date,manager"];
  for (let k = 0; k < count; k++) {
    const e = syntheticEmployee(k);
    rows.push([e.id, e.name, e.email, e.department, e.startDate, e.manager].join(","));
  }
  return `${rows.join("\n")}\n`;
}

/** How many different employees of the roster a text (a dashboard page) names, by id or by email. */
export function syntheticEmployeesNamed(text: string): number {
  const shown = new Set<number>();
  for (const match of text.matchAll(/\bE-(\d{6})\b/g)) shown.add(Number(match[1]));
  for (const match of text.matchAll(/[a-z]+\.[a-z]+\.(\d+)@kestrel\.example/g)) shown.add(Number(match[1]));
  return shown.size;
}

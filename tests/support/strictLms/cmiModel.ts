// The data model store both strict runtimes share: elements by their dotted names, the collections
// (interactions, objectives, comments) with their counts, and the rules each element is checked by.
// No imports from outside this folder: the strict LMS page loads it in the browser as it is.

/** How a SCO may use an element: read it, write it, or both. */
export type Access = "r" | "w" | "rw";

export interface ElementRule {
  access: Access;
  /** Whether a value fits; `record` holds the other fields of the same collection entry (its type, say). */
  valid?: (value: string, record: Record<string, string>) => boolean;
  /** Set when the value fits the format but not the element's range (2004 tells these apart: 407). */
  inRange?: (value: string) => boolean;
  /** What GetValue answers before anything set it; absent: the element has no value yet. */
  initial?: string;
}

/** The model: rules keyed by the element name with `n` for each index ("cmi.interactions.n.id"). */
export type ModelRules = Record<string, ElementRule>;

/** The outcome of a call on the store: an error name the runtime turns into its version's code. */
export type StoreError =
  | "undefined" // not an element of the model
  | "read-only"
  | "write-only"
  | "keyword" // _children, _count, _version
  | "type-mismatch"
  | "out-of-range"
  | "out-of-order" // a collection entry beyond _count
  | "dependency" // e.g. an interaction's response before its type, or any field before its id
  | "not-initialized" // no value yet (2004 answers 403)
  | "no-such-entry"; // reading an entry the collection does not have

export interface Collection {
  /** The collection's name, e.g. "cmi.interactions" or "cmi.interactions.n.objectives". */
  name: string;
  /** The field that must be set first to create an entry (2004: id); absent: any field creates it. */
  key?: string;
  /** Fields that need another field of the entry first, e.g. learner_response needs type. */
  needs?: Record<string, string>;
  /** Field whose value must be unique in the collection (objective ids within an interaction). */
  unique?: string;
}

const INDEX = /\.(\d+)\./g;

/** "cmi.interactions.3.objectives.0.id" → "cmi.interactions.n.objectives.n.id" */
export const modelName = (element: string) => element.replace(INDEX, ".n.").replace(INDEX, ".n.");

export class CmiStore {
  readonly values = new Map<string, string>();
  private readonly rules: ModelRules;
  private readonly collections: Collection[];
  private readonly children: Record<string, string>;

  constructor(rules: ModelRules, collections: Collection[], children: Record<string, string>) {
    this.rules = rules;
    this.collections = collections;
    this.children = children;
  }

  /** Loads stored values as the LMS hands them back at launch (no checks: they were checked when set). */
  load(values: Record<string, string>): void {
    for (const [element, value] of Object.entries(values)) this.values.set(element, value);
  }

  /** How many entries a collection (by its concrete name, e.g. "cmi.interactions.2.objectives") holds. */
  count(collection: string): number {
    const prefix = `${collection}.`;
    let count = 0;
    for (const element of this.values.keys()) {
      if (!element.startsWith(prefix)) continue;
      const index = /^(\d+)\./.exec(element.slice(prefix.length))?.[1];
      if (index !== undefined) count = Math.max(count, Number(index) + 1);
    }
    return count;
  }

  get(element: string): { value: string; error?: StoreError } {
    const keyword = /^(.*)\.(_children|_count|_version)$/.exec(element);
    if (keyword) {
      const [, parent = "", word] = keyword;
      if (word === "_version") return element === "cmi._version" ? { value: this.children._version ?? "" } : fail();
      if (word === "_count") return this.isCollection(parent) ? { value: String(this.count(parent)) } : fail("keyword");
      const list = this.children[modelName(parent)];
      return list === undefined ? fail(this.knows(parent) ? "keyword" : "undefined") : { value: list };
    }
    const rule = this.rules[modelName(element)];
    if (!rule) return fail();
    if (rule.access === "w") return fail("write-only");
    const entry = this.entryOf(element);
    if (entry && entry.index >= this.count(entry.collection)) return fail("no-such-entry");
    const value = this.values.get(element) ?? rule.initial;
    return value === undefined ? fail("not-initialized") : { value };
  }

  set(element: string, value: string): StoreError | undefined {
    if (/\._(children|count|version)$/.test(element)) return this.knows(element) ? "keyword" : "undefined";
    const model = modelName(element);
    const rule = this.rules[model];
    if (!rule) return "undefined";
    if (rule.access === "r") return "read-only";
    if (/\.0\d+\./.test(element)) return "undefined"; // an index with a leading zero is not an index
    const entry = this.entryOf(element);
    let record: Record<string, string> = {};
    if (entry) {
      const outer = this.entryOf(entry.collection + ".x");
      if (outer && outer.index >= this.count(outer.collection)) return "dependency"; // e.g. objectives of an interaction not made yet
      const collection = this.collections.find((c) => c.name === modelName(entry.collection));
      const count = this.count(entry.collection);
      if (entry.index > count) return "out-of-order";
      if (entry.index === count && collection?.key && entry.field !== collection.key) return "dependency";
      record = this.record(entry.collection, entry.index);
      const needed = collection?.needs?.[entry.field];
      if (needed && record[needed] === undefined) return "dependency";
      if (collection?.unique === entry.field) {
        for (let i = 0; i < count; i++)
          if (i !== entry.index && this.values.get(`${entry.collection}.${i}.${entry.field}`) === value)
            return "type-mismatch";
      }
    }
    if (rule.valid && !rule.valid(value, record)) return "type-mismatch";
    if (rule.inRange && !rule.inRange(value)) return "out-of-range";
    this.values.set(element, value);
    return undefined;
  }

  /** Every stored value of the elements a SCO may write, as the LMS posts them. */
  writable(): [string, string][] {
    return [...this.values].filter(([element]) => this.rules[modelName(element)]?.access !== "r");
  }

  private isCollection(name: string): boolean {
    return this.collections.some((c) => c.name === modelName(name));
  }

  private knows(name: string): boolean {
    const model = modelName(name.replace(/\._(children|count|version)$/, ""));
    return Object.keys(this.rules).some((rule) => rule === model || rule.startsWith(`${model}.`));
  }

  /** The innermost collection entry an element belongs to: "cmi.interactions.2.objectives.0.id" → objectives of 2, entry 0, field id. */
  private entryOf(element: string): { collection: string; index: number; field: string } | undefined {
    // Greedy: the innermost index, so "cmi.interactions.2.objectives.0.id" is entry 0 of "cmi.interactions.2.objectives".
    const match = /^(.*)\.(\d+)\.([^.]+(?:\.[^.]+)*)$/.exec(element);
    if (!match) return undefined;
    const [, collection = "", index = "0", field = ""] = match;
    return { collection, index: Number(index), field };
  }

  private record(collection: string, index: number): Record<string, string> {
    const prefix = `${collection}.${index}.`;
    const record: Record<string, string> = {};
    for (const [element, value] of this.values)
      if (element.startsWith(prefix)) record[element.slice(prefix.length)] = value;
    return record;
  }
}

function fail(error: StoreError = "undefined"): { value: string; error: StoreError } {
  return { value: "", error };
}

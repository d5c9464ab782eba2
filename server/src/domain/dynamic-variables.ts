/**
 * Widget `metadata` → the persona's `{{dynamic_variables}}` (design §4 rule 4). Values come
 * from the visitor's page, so they are plain text only: declared keys, short strings, no
 * control characters, and inserted verbatim — never evaluated, never expanded twice.
 */

export interface DeclaredVariable {
  name: string;
  required?: boolean;
}

export interface FieldError {
  path: string;
  message: string;
}

export type ResolvedVariables =
  | { ok: true; values: Record<string, string> }
  | { ok: false; errors: FieldError[] };

export const maxValueLength = 200;

/**
 * C0/C1 controls and DEL, plus the Unicode line and paragraph separators: a visitor's value
 * must stay on one line of the prompt it is inserted into.
 */
const controlCharacters = /[\p{Cc}\u2028\u2029]/u;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function valueError(value: string): string | null {
  // Counted in characters (code points), so an emoji counts as one.
  if ([...value].length > maxValueLength) return `must be at most ${maxValueLength} characters`;
  if (controlCharacters.test(value)) return "must not contain control characters or line breaks";
  return null;
}

/**
 * Checks `metadata` against the persona's declared variables and returns the values to fill
 * in, or every problem found (`metadata.<key>` paths, as in validation errors). A missing or
 * null `metadata` is an empty one. A required variable must be present and not blank.
 */
export function resolveDynamicVariables(
  declared: readonly DeclaredVariable[],
  metadata: unknown,
): ResolvedVariables {
  const given = metadata ?? {};
  if (!isPlainObject(given)) {
    return { ok: false, errors: [{ path: "metadata", message: "must be an object" }] };
  }
  const names = new Set(declared.map((d) => d.name));
  const values = new Map<string, string>();
  const errors: FieldError[] = [];

  for (const [key, value] of Object.entries(given)) {
    const path = `metadata.${key}`;
    if (!names.has(key)) {
      errors.push({ path, message: "is not a variable this agent's persona declares" });
      continue;
    }
    if (typeof value !== "string") {
      errors.push({ path, message: "must be a string" });
      continue;
    }
    const problem = valueError(value);
    if (problem) {
      errors.push({ path, message: problem });
      continue;
    }
    values.set(key, value);
  }
  for (const variable of declared) {
    if (!variable.required || errors.some((e) => e.path === `metadata.${variable.name}`)) continue;
    if ((values.get(variable.name) ?? "").trim() === "") {
      errors.push({ path: `metadata.${variable.name}`, message: "is required" });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // fromEntries defines own properties, so even a key like `__proto__` stays plain data.
  return { ok: true, values: Object.fromEntries(values) };
}

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces each `{{name}}` in `text` with its value, or with nothing when there is none.
 * One pass with a replacer function: a value is never re-scanned for placeholders and `$`
 * patterns in it mean nothing.
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(placeholder, (_, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? "") : "",
  );
}

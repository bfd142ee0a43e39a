/** One setting as `GET …/vigil/settings/declarations` describes it (the server's own declaration). */
export type SettingDeclaration = {
  name: string;
  group: string;
  kind: "NUMBER" | "INTEGER" | "BOOLEAN" | "CHOICE" | "TEXT" | "LIST";
  defaultValue: string;
  min?: number;
  max?: number;
  options?: string[];
  help: string;
};

/** The settings page's sections, in page order (the server's `group` of each setting). */
export const SECTIONS = ["model", "response", "alerts", "sprayGuard", "stepUp", "trustedDevices", "weights", "data"];

/** Declarations by section, in page order; a section the server adds later comes last rather than not at all. */
export function sections(declarations: SettingDeclaration[]): { group: string; settings: SettingDeclaration[] }[] {
  const groups = [...SECTIONS, ...declarations.map((d) => d.group).filter((g) => !SECTIONS.includes(g))];
  return [...new Set(groups)]
    .map((group) => ({ group, settings: declarations.filter((d) => d.group === group) }))
    .filter((s) => s.settings.length > 0);
}

/**
 * What the form can tell before the server does: a number that is not one, or out of the declared bounds. The
 * server checks everything again (and more: time zones, addresses, CIDR blocks); its answers go on the fields too.
 */
export function checkValue(d: SettingDeclaration, value: string): string | undefined {
  const v = value.trim();
  if (d.kind === "NUMBER" || d.kind === "INTEGER") {
    if (v === "") {
      return d.defaultValue === "" ? undefined : "required";
    }
    const n = Number(v);
    if (!Number.isFinite(n) || (d.kind === "INTEGER" && !Number.isInteger(n))) {
      return d.kind === "INTEGER" ? "wholeNumber" : "number";
    }
    if ((d.min !== undefined && n < d.min) || (d.max !== undefined && n > d.max)) {
      return "range";
    }
  }
  if (d.kind === "TEXT" && d.max !== undefined && v.length > d.max) {
    return "tooLong";
  }
  return undefined;
}

/** The values the admin changed, as the PUT takes them (only those, so a concurrent change of another is kept). */
export function changes(saved: Record<string, string>, edited: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(edited).filter(([name, value]) => saved[name] !== value));
}

/** The server's values as the form shows them: numbers as one would type them ("10.0" → "10"). */
export function normalize(declarations: SettingDeclaration[], values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const d of declarations) {
    if (d.name in out) {
      out[d.name] = display(d, out[d.name]);
    }
  }
  return out;
}

/** A number as the form shows it: the server's "0.5" or "10.0" as typed ("10"), other values unchanged. */
export function display(d: SettingDeclaration, value: string | undefined): string {
  if (value === undefined) {
    return "";
  }
  if ((d.kind === "NUMBER" || d.kind === "INTEGER") && value.trim() !== "" && Number.isFinite(Number(value))) {
    return String(Number(value));
  }
  return value;
}

/** The signal id of a weight setting (`risk.weight.new_device` → `new_device`), else undefined. */
export function weightSignal(name: string): string | undefined {
  return name.startsWith("risk.weight.") ? name.substring("risk.weight.".length) : undefined;
}

/** A declaration's help as a sentence: capital first letter, full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim();
  if (t === "") {
    return t;
  }
  return t[0].toUpperCase() + t.slice(1) + (/[.!?)]$/.test(t) ? "" : ".");
}

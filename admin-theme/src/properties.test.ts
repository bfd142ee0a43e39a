import { describe, expect, it } from "vitest";
import { parseProperties } from "./properties";
import bundled from "../maven-resources/theme/vigil/admin/messages/messages_en.properties?raw";

describe("parseProperties", () => {
  it("reads keys, values, comments, continuations and escapes", () => {
    const parsed = parseProperties(
      "# comment\n! another\nplain=Plain value\nspaced : colon value\ncontinued=one \\\n    two\n" +
        "escaped=a\\=b \\u00e9 line\\nbreak\nempty=\n  indented=yes\n",
    );
    expect(parsed).toEqual({
      plain: "Plain value",
      spaced: "colon value",
      continued: "one two",
      escaped: "a=b é line\nbreak",
      empty: "",
      indented: "yes",
    });
  });

  it("reads the theme's own English bundle, every key with a text", () => {
    const messages = parseProperties(bundled);
    expect(Object.keys(messages).length).toBeGreaterThan(20);
    expect(messages["vigilLoginRisk"]).toBe("Login risk");
    for (const [key, value] of Object.entries(messages)) {
      expect(value, key).not.toBe("");
    }
  });
});

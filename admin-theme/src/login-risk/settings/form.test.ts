import { describe, expect, it } from "vitest";
import { changes, checkValue, display, normalize, sections, sentence, weightSignal, type SettingDeclaration } from "./form";

const decl = (over: Partial<SettingDeclaration>): SettingDeclaration => ({
  name: "x",
  group: "model",
  kind: "TEXT",
  defaultValue: "",
  help: "h",
  ...over,
});

describe("settings form", () => {
  it("checks numbers against the declared bounds and leaves the rest to the server", () => {
    const c = decl({ name: "contamination", kind: "NUMBER", defaultValue: "0.01", min: 0.0001, max: 0.25 });
    expect(checkValue(c, "0.02")).toBeUndefined();
    expect(checkValue(c, " 0.25 ")).toBeUndefined();
    expect(checkValue(c, "0.3")).toBe("range");
    expect(checkValue(c, "abc")).toBe("number");
    expect(checkValue(c, "")).toBe("required");
    const optional = decl({ name: "flagThreshold", kind: "NUMBER", defaultValue: "", min: 0, max: 1 });
    expect(checkValue(optional, "")).toBeUndefined();
    const days = decl({ name: "sprayWindowMinutes", kind: "INTEGER", defaultValue: "60", min: 1, max: 1440 });
    expect(checkValue(days, "1.5")).toBe("wholeNumber");
    expect(checkValue(days, "0")).toBe("range");
    expect(checkValue(decl({ kind: "TEXT", max: 3 }), "abcd")).toBe("tooLong");
    expect(checkValue(decl({ name: "timeZone", kind: "TEXT", max: 64 }), "Mars/Olympus")).toBeUndefined();
  });

  it("sends only what changed", () => {
    expect(changes({ a: "1", b: "x", c: "true" }, { a: "1", b: "y", c: "false" })).toEqual({ b: "y", c: "false" });
    expect(changes({ a: "1" }, { a: "1" })).toEqual({});
  });

  it("orders sections as the page shows them, keeps unknown ones", () => {
    const list = [
      decl({ name: "risk.weight.new_device", group: "weights" }),
      decl({ name: "action", group: "response" }),
      decl({ name: "timeZone", group: "model" }),
      decl({ name: "future", group: "somethingNew" }),
    ];
    expect(sections(list).map((s) => s.group)).toEqual(["model", "response", "weights", "somethingNew"]);
  });

  it("shows numbers as typed and names a weight's signal", () => {
    const n = decl({ kind: "NUMBER" });
    expect(display(n, "10.0")).toBe("10");
    expect(display(n, "0.5")).toBe("0.5");
    expect(display(n, "")).toBe("");
    expect(display(decl({ kind: "LIST" }), "10.0.0.0/8")).toBe("10.0.0.0/8");
    expect(normalize([n], { x: "10.0", geoip: "off" })).toEqual({ x: "10", geoip: "off" });
    expect(weightSignal("risk.weight.new_device")).toBe("new_device");
    expect(weightSignal("risk.mediumScore")).toBeUndefined();
    expect(sentence("how far back, days")).toBe("How far back, days.");
    expect(sentence("the IP is in the list (-1)")).toBe("The IP is in the list (-1)");
    expect(sentence("")).toBe("");
  });
});

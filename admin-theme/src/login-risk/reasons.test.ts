import { describe, expect, it } from "vitest";
import { parseRiskReasons, topReasons } from "./reasons";

describe("risk reasons", () => {
  it("reads the row's reasons, strongest first", () => {
    const text = "typing=MATCH(-0.50),new_device=new(+1.50),new_country=FR(+1.20),unusual_hour=3(+0.40)";
    expect(parseRiskReasons(text).map((r) => r.signal)).toEqual([
      "new_device",
      "new_country",
      "unusual_hour",
      "typing",
    ]);
    expect(topReasons(text, 2)).toEqual([
      { signal: "new_device", value: "new", points: 1.5 },
      { signal: "new_country", value: "FR", points: 1.2 },
    ]);
  });

  it("keeps a failed assessment as a fallback reason and skips what does not read", () => {
    expect(parseRiskReasons("fallback=IllegalStateException")).toEqual([
      { signal: "fallback", value: "IllegalStateException", points: 0 },
    ]);
    expect(parseRiskReasons("garbage,,x=(y),ok=1(+0.10)")).toEqual([{ signal: "ok", value: "1", points: 0.1 }]);
    expect(parseRiskReasons(undefined)).toEqual([]);
    expect(topReasons("typing=MATCH(-0.50)")).toEqual([]);
  });
});

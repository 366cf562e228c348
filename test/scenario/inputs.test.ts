import { describe, expect, it } from "vitest";
import { uncertainInputs, withValues } from "../../src/scenario/inputs.js";
import { parseScenario } from "../../src/scenario/load.js";

const s = parseScenario(
  `name: t
capacity:
  power: { low: 3 GW, high: 5 GW }
  mix:
    - { chip: trainium2, share: { low: 0.2, high: 0.4 } }
    - { chip: trainium3, share: 0.7 }
serving:
  input: { low: 100, high: 2000 }
  output: 200
`,
  "t.yaml",
);

describe("uncertain inputs", () => {
  it("are found by path, leaving points and workload distributions out", () => {
    expect(Object.keys(uncertainInputs(s))).toEqual(["capacity.power", "capacity.mix.0.share"]);
  });

  it("are fixed in a copy, the original untouched", () => {
    const v = withValues(s, { "capacity.power": 4e9, "capacity.mix.0.share": 0.3 });
    expect(v.capacity?.power).toEqual({ type: "point", value: 4e9 });
    expect(v.capacity?.mix?.[0]?.share).toEqual({ type: "point", value: 0.3 });
    expect(v.capacity?.mix?.[1]).toBe(s.capacity?.mix?.[1]);
    expect(s.capacity?.power).toEqual({ type: "uniform", low: 3e9, high: 5e9, kind: "power" });
    expect(Array.isArray(v.capacity?.mix)).toBe(true);
  });
});

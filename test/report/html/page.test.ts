/**
 * The report page's own script: the generated bundle matches its sources, reference-line labels
 * never overlap each other, a line or the plot's edge, and long axis labels wrap into lines.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate, target } from "../../../scripts/embed-runtime.mjs";
import { overlaps, placeLabels } from "../../../src/report/html/page/markers.js";
import { wrap } from "../../../src/report/html/page/wrap.js";

describe("the report page's script", () => {
  it("is the bundle of its sources (after editing them: node scripts/embed-runtime.mjs)", async () => {
    expect(readFileSync(target, "utf8") === (await generate())).toBe(true);
  });

  it("places reference-line labels apart, off other lines, inside the plot", () => {
    const area = { left: 40, right: 640, top: 10, bottom: 300 };
    fc.assert(
      fc.property(
        fc.constantFrom("x" as const, "y" as const),
        fc.array(fc.tuple(fc.double({ min: 0, max: 700, noNaN: true }), fc.integer({ min: 10, max: 160 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (axis, lines) => {
          const pixels = lines.map(([p]) => (axis === "x" ? p : (p / 700) * 310));
          const spots = placeLabels(
            axis,
            pixels,
            lines.map(([, w]) => w),
            area,
          );
          const placed = spots.filter((b) => b !== undefined);
          for (const [i, b] of spots.entries()) {
            if (!b) continue;
            expect(
              b.x >= area.left && b.x + b.w <= area.right && b.y >= area.top && b.y + b.h <= area.bottom,
            ).toBe(true);
            for (const [j, p] of pixels.entries())
              if (j !== i)
                expect(axis === "x" ? p > b.x && p < b.x + b.w : p > b.y && p < b.y + b.h).toBe(false);
          }
          for (let i = 0; i < placed.length; i++)
            for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!, placed[j]!)).toBe(false);
        },
      ),
    );
    // Three percentile lines close together on a histogram all find a place, off the lines where
    // there is room.
    const close = placeLabels("x", [300, 310, 322], [14, 20, 20], area);
    expect(close.every(Boolean)).toBe(true);
    expect(placeLabels("x", [100, 300, 500], [14, 20, 20], area).some((b) => b?.crossed)).toBe(false);
  });

  it("wraps long category labels at spaces", () => {
    expect(wrap("TP2 PP2 VP18 DP2048 CP2 EP32", 12)).toEqual(["TP2 PP2 VP18", "DP2048 CP2", "EP32"]);
    expect(wrap("PUE 1.1-1.3", 20)).toBe("PUE 1.1-1.3");
  });
});

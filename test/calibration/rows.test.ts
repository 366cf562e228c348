import { describe, expect, it } from "vitest";
import { InferenceRow, parseRows, TrainingRow } from "../../src/calibration/rows.js";
import { catalog } from "../../src/catalog/catalog.js";
import { resolveHardware, tpUnitsPerChip } from "../../src/catalog/labels.js";
import { InputError } from "../../src/errors.js";
import { inferenceRows, trainingRows, trainiumRows } from "./files.js";

describe("validation row schemas", () => {
  it("accept every row of the shared files", () => {
    expect(trainingRows().length).toBeGreaterThan(250);
    expect(inferenceRows().length).toBeGreaterThan(600);
    expect(trainiumRows().length).toBeGreaterThan(20);
  });

  it("refuse a wrong type, an unknown field and a non-array, each with its location", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).toLine();
      }
      throw new Error("no error");
    };
    expect(err(() => parseRows(InferenceRow, [{ id: 1 }, { id: 2, chip_count: "8" }], "f.json"))).toMatch(
      /^f\.json\[1\]\.chip_count: .*\(numbers as numbers/,
    );
    expect(err(() => parseRows(TrainingRow, [{ id: 1, chip_cont: 8 }], "t.json"))).toMatch(
      /^t\.json\[0\]\.chip_cont: unknown field "chip_cont"/,
    );
    expect(err(() => parseRows(TrainingRow, { id: 1 }, "t.json"))).toMatch(/^t\.json: expected a JSON array/);
    expect(err(() => parseRows(InferenceRow, [{ id: 1, ttft_ms_p50: Number.NaN }], "f.json"))).toMatch(
      /f\.json\[0\]\.ttft_ms_p50/,
    );
  });
});

describe("hardware labels", () => {
  const cat = catalog();
  const chipOf = (label: string) => {
    const r = resolveHardware(label, cat);
    return "reason" in r ? r.reason : r.chip.id;
  };

  it("map published labels to catalog chips, most specific first", () => {
    expect(chipOf("NVIDIA GH200 Grace Hopper")).toBe("gh200");
    expect(chipOf("8x H200 SXM")).toBe("h200");
    expect(chipOf("GB200 NVL72")).toBe("gb200");
    expect(chipOf("AWS Trainium (Trn1)")).toBe("trainium1");
    expect(chipOf("AWS Trainium2")).toBe("trainium2");
    expect(chipOf("TPU v5p-512")).toBe("tpu-v5p");
    expect(chipOf("A100/H100 mix")).toMatch(/ambiguous/);
    expect(chipOf("Abacus 9000")).toMatch(/matches no catalog chip/);
  });

  it("count Neuron TP in NeuronCores: 2 per Trainium1/Inferentia2 chip, 4 logical per Trainium2", () => {
    expect(tpUnitsPerChip(cat.chip("trainium1"))).toBe(2);
    expect(tpUnitsPerChip(cat.chip("inferentia2"))).toBe(2);
    expect(tpUnitsPerChip(cat.chip("trainium2"))).toBe(4);
    expect(tpUnitsPerChip(cat.chip("h100"))).toBe(1);
  });
});

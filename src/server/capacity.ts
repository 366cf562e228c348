/** POST /v1/capacity: the body mirrors `gigawatt capacity`'s flags (camelCase). */
import { type CapacityOptions, capacity, type MixEntry } from "../capacity/index.js";
import { catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { capacityReport } from "../report/capacity.js";
import type { Doc } from "../report/document.js";
import { parseEnergyPrice } from "../requests/capacity.js";
import { parseQuantity } from "../units/quantity.js";
import { Fields } from "./fields.js";
import { inBody } from "./relocate.js";

const FIELDS = [
  "power",
  "chips",
  "chip",
  "mix",
  "tdp",
  "load",
  "pue",
  "overhead",
  "electricityPrice",
  "facilityCapex",
  "chipPrice",
  "serverLife",
  "facilityLife",
  "costOfCapital",
  "mfu",
] as const;

/** Engine option -> body field, where they differ. */
const MAP: Record<string, string> = {
  averageLoad: "load",
  serverOverheadFraction: "overhead",
  serverOverheadW: "overhead",
  electricityUsdPerJ: "electricityPrice",
  facilityCapexUsdPerW: "facilityCapex",
  acceleratorPriceUsd: "chipPrice",
  serverLifeS: "serverLife",
  facilityLifeS: "facilityLife",
  tdpW: "tdp",
  powerW: "power",
};

/** "trainium2:0.6,trainium3:0.4" or {"trainium2": 0.6, "trainium3": 0.4} (shares of power, or of chips). */
function mix(v: unknown): MixEntry[] {
  const cat = catalog();
  const pairs: [string, string][] =
    typeof v === "string"
      ? v.split(",").map((part) => {
          const [name, share] = part.split(/[:=]/);
          return [name?.trim() ?? "", share?.trim() ?? ""];
        })
      : v && typeof v === "object" && !Array.isArray(v)
        ? Object.entries(v).map(([k, s]) => [k, String(s)])
        : [];
  if (pairs.length === 0)
    throw new InputError('"mix" should be CHIP:SHARE,... or an object of shares', {
      location: "body.mix",
      hint: 'e.g. "trainium2:0.6,trainium3:0.4" or {"trainium2": 0.6, "trainium3": 0.4}',
    });
  return pairs.map(([name, share], i) => {
    const where = `body.mix[${i}]`;
    if (!name || !share)
      throw new InputError(`"${name}:${share}" is not CHIP:SHARE`, {
        location: where,
        hint: "e.g. trainium2:0.6",
      });
    try {
      return { chip: cat.chip(name, where), share: parseQuantity(share, "fraction").value };
    } catch (e) {
      if (e instanceof InputError) throw e.at(where);
      throw e;
    }
  });
}

/** The capacity report for a request body. */
export async function capacityDoc(body: unknown): Promise<Doc> {
  const f = new Fields(body, FIELDS);
  const cat = catalog();
  const chip = f.text("chip");
  if (chip !== undefined && f.has("mix"))
    throw new InputError("give chip or mix, not both", { location: "body.mix" });
  let overhead: { fraction?: number; watts?: number } = {};
  const overheadText = f.text("overhead");
  if (overheadText !== undefined)
    overhead = /w$/i.test(overheadText.trim())
      ? { watts: f.quantity("overhead", "power") }
      : { fraction: f.quantity("overhead", "fraction", "a fraction of TDP (0.8) or watts (400W)") };
  const price = f.text("electricityPrice");
  const capex = f.text("facilityCapex");
  const perMw = capex !== undefined ? parseQuantity(capex.replace(/\s*\/\s*MW$/i, ""), "money") : undefined;
  const opts: CapacityOptions = {
    powerW: f.quantity("power", "power", "e.g. 5GW"),
    chips: f.quantity("chips", "count", "e.g. 1M"),
    chip: chip !== undefined ? cat.chip(chip, "body.chip") : undefined,
    tdpW: f.quantity("tdp", "power", "e.g. 500W"),
    mix: f.has("mix") ? mix((body as Record<string, unknown>).mix) : undefined,
    averageLoad: f.quantity("load", "fraction", "e.g. 70%"),
    pue: f.quantity("pue", "count", "e.g. 1.2"),
    serverOverheadFraction: overhead.fraction,
    serverOverheadW: overhead.watts,
    electricityUsdPerJ: price !== undefined ? parseEnergyPrice("body.electricityPrice")(price) : undefined,
    facilityCapexUsdPerW: perMw !== undefined ? perMw.value / 1e6 : undefined,
    acceleratorPriceUsd: f.quantity("chipPrice", "money", "e.g. $30k"),
    serverLifeS: f.quantity("serverLife", "time", "e.g. 5years"),
    facilityLifeS: f.quantity("facilityLife", "time", "e.g. 20years"),
    costOfCapital: f.quantity("costOfCapital", "fraction", "e.g. 8%"),
    mfu: f.quantity("mfu", "fraction", "e.g. 40%"),
    catalog: cat,
  };
  return capacityReport(await inBody(() => capacity(opts), MAP));
}

import type { Command } from "commander";
import { type CapacityOptions, capacity, type MixEntry } from "../../capacity/index.js";
import { catalog } from "../../catalog/catalog.js";
import { InputError } from "../../errors.js";
import { capacityReport } from "../../report/capacity.js";
import type { Format } from "../../report/document.js";
import { parseEnergyPrice } from "../../requests/capacity.js";
import { parseQuantity, type QuantityKind } from "../../units/quantity.js";
import { print, withFormat } from "../common.js";

/** A flag's quantity of `kind`, located at the flag. */
function q(flag: string, kind: QuantityKind) {
  return (text: string): number => {
    try {
      return parseQuantity(text, kind).value;
    } catch (e) {
      if (e instanceof InputError) throw e.at(flag);
      throw e;
    }
  };
}

/** "$11.7M/MW" or "$11.7M" (per MW), to US$ per watt. */
function parsePerMw(flag: string) {
  return (text: string): number => q(flag, "money")(text.replace(/\s*\/\s*MW$/i, "")) / 1e6;
}

/** "0.8" or "80%" (fraction of TDP) or "400W" (watts per chip). */
function parseOverhead(text: string): { fraction?: number; watts?: number } {
  if (/w$/i.test(text.trim())) return { watts: q("--overhead", "power")(text) };
  return { fraction: q("--overhead", "fraction")(text) };
}

/** "trainium2:0.6,trainium3:0.4" (shares of power, or of chips with --chips). */
function parseMix(text: string): MixEntry[] {
  const cat = catalog();
  return text.split(",").map((part, i) => {
    const [name, share] = part.split(/[:=]/);
    if (!name || share === undefined)
      throw new InputError(`"${part}" is not CHIP:SHARE`, {
        location: `--mix[${i}]`,
        hint: "e.g. trainium2:0.6,trainium3:0.4",
      });
    return { chip: cat.chip(name.trim(), `--mix[${i}]`), share: q(`--mix[${i}]`, "fraction")(share.trim()) };
  });
}

/** Maps an engine location ("mix[1].share", "averageLoad") to the flag a person typed. */
const FLAGS: Record<string, string> = {
  power: "--power",
  chips: "--chips",
  chip: "--chip",
  averageLoad: "--load",
  pue: "--pue",
  serverOverheadFraction: "--overhead",
  serverOverheadW: "--overhead",
  electricityUsdPerJ: "--electricity-price",
  facilityCapexUsdPerW: "--facility-capex",
  acceleratorPriceUsd: "--chip-price",
  serverLifeS: "--server-life",
  facilityLifeS: "--facility-life",
  costOfCapital: "--cost-of-capital",
  mfu: "--mfu",
};

interface Opts {
  format: Format;
  power?: number;
  chips?: number;
  chip?: string;
  mix?: string;
  tdp?: number;
  load?: number;
  pue?: number;
  overhead?: string;
  electricityPrice?: number;
  facilityCapex?: number;
  chipPrice?: number;
  serverLife?: number;
  facilityLife?: number;
  costOfCapital?: number;
  mfu?: number;
}

/** `gigawatt capacity`: power <-> chips, energy, homes, capex and TCO per chip-hour. */
export function register(program: Command): void {
  withFormat(
    program
      .command("capacity")
      .description(
        "size a fleet from a facility power or a chip count: FLOP/s, HBM, energy, homes equivalent, capex, TCO per chip-hour",
      )
      .option("--power <power>", "facility power drawn on average, e.g. 5GW", q("--power", "power"))
      .option("--chips <count>", "number of accelerators, e.g. 1M", q("--chips", "count"))
      .option("--chip <chip>", "chip generation, e.g. trainium2")
      .option(
        "--mix <mix>",
        "a mix of generations as CHIP:SHARE,... (shares of power, or of chips with --chips)",
      )
      .option("--tdp <power>", "chip TDP, overriding the catalog (one chip only)", q("--tdp", "power"))
      .option(
        "--load <fraction>",
        "average load as a share of TDP (default: economics.json)",
        q("--load", "fraction"),
      )
      .option("--pue <ratio>", "power usage effectiveness (default: economics.json)", q("--pue", "count"))
      .option("--overhead <x>", "server overhead per chip: a fraction of TDP (0.8) or watts (400W)")
      .option("--electricity-price <price>", "e.g. $0.08/kWh", parseEnergyPrice("--electricity-price"))
      .option(
        "--facility-capex <price>",
        "facility capex per MW of IT load, e.g. $11.7M/MW",
        parsePerMw("--facility-capex"),
      )
      .option(
        "--chip-price <money>",
        "purchase price of one accelerator, e.g. $30k",
        q("--chip-price", "money"),
      )
      .option("--server-life <time>", "server depreciation life, e.g. 5years", q("--server-life", "time"))
      .option(
        "--facility-life <time>",
        "facility depreciation life, e.g. 20years",
        q("--facility-life", "time"),
      )
      .option(
        "--cost-of-capital <fraction>",
        "cost of capital per year, e.g. 8%",
        q("--cost-of-capital", "fraction"),
      )
      .option(
        "--mfu <fraction>",
        "model FLOP utilisation for delivered FLOP/s, e.g. 40%",
        q("--mfu", "fraction"),
      ),
  ).action((o: Opts) => {
    const cat = catalog();
    if (o.chip && o.mix) throw new InputError("give --chip or --mix, not both", { location: "--mix" });
    const overhead = o.overhead !== undefined ? parseOverhead(o.overhead) : {};
    const opts: CapacityOptions = {
      powerW: o.power,
      chips: o.chips,
      chip: o.chip ? cat.chip(o.chip, "--chip") : undefined,
      tdpW: o.tdp,
      mix: o.mix ? parseMix(o.mix) : undefined,
      averageLoad: o.load,
      pue: o.pue,
      serverOverheadFraction: overhead.fraction,
      serverOverheadW: overhead.watts,
      electricityUsdPerJ: o.electricityPrice,
      facilityCapexUsdPerW: o.facilityCapex,
      acceleratorPriceUsd: o.chipPrice,
      serverLifeS: o.serverLife,
      facilityLifeS: o.facilityLife,
      costOfCapital: o.costOfCapital,
      mfu: o.mfu,
      catalog: cat,
    };
    try {
      print(capacityReport(capacity(opts)), o.format);
    } catch (e) {
      if (e instanceof InputError && e.location) {
        const key = e.location.replace(/\[.*$/, "").replace(/\..*$/, "");
        const flag = e.location.startsWith("mix") ? `--mix${e.location.slice(3)}` : FLAGS[key];
        if (flag) throw new InputError(e.message, { location: flag, hint: e.hint });
      }
      throw e;
    }
  });
}

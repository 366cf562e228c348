/**
 * Solving a scenario: the value of one input that makes one output hit a target, through the whole
 * chain (`solve:` in scenario files, `gigawatt solve`, POST /v1/solve). The price per GW-year at
 * which the provider breaks even, the commitment that a capacity implies, the chip count that trains
 * a model in 90 days.
 */
import type { Catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { type SolveResult, solveFor } from "../uncertainty/solve.js";
import type { Uncertain } from "../uncertainty/value.js";
import { nominal } from "../uncertainty/value.js";
import { formatQuantity } from "../units/format.js";
import type { Quantity, QuantityKind } from "../units/quantity.js";
import type { Traced } from "../units/traced.js";
import { evaluateScenario, type ScenarioResult } from "./evaluate.js";
import { isUncertain } from "./inputs.js";
import { formatOutput, OUTPUTS, outputLabel } from "./outputs.js";
import type { Scenario } from "./schema.js";
import type { SolveEntry } from "./sections/solve.js";

/** Inputs a scenario may leave unset that the solver still varies, with their kind and a default range. */
const SOLVABLE: Record<string, { kind: QuantityKind; low: number; high: number }> = {
  "deal.pricePerGwYear": { kind: "money", low: 0.1e9, high: 100e9 },
  "deal.pricePerChipHour": { kind: "moneyRate", low: 0.01 / 3600, high: 100 / 3600 },
  "capacity.power": { kind: "power", low: 1e6, high: 1e12 },
};

/** The solver's answer to one question, with the arithmetic of the output at the answer. */
export interface SolveAnswer {
  id: string;
  text: string;
  vary: string;
  kind: QuantityKind;
  output: string;
  result: SolveResult;
  /** The input's value in the scenario (when it has one), for comparison. */
  current?: number;
  /** The output's arithmetic at the answer, where the engine traces it. */
  formula?: string;
  sources: string[];
}

/** Dotted path of a scenario input: "deal.tranches[3].amount" and "deal.tranches.3.amount" alike. */
export function inputPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1");
}

function leaf(s: Scenario, path: string): { parent: unknown; value: unknown } {
  const keys = inputPath(path).split(".");
  let node: unknown = s;
  for (const k of keys.slice(0, -1))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[k] : undefined;
  const last = keys.at(-1)!;
  const value =
    node && typeof node === "object" && Object.hasOwn(node, last)
      ? (node as Record<string, unknown>)[last]
      : undefined;
  return { parent: node, value };
}

/** A copy of the scenario with the input at `path` set to `x` (a point, or a plain number where the file has one). */
export function withInput(s: Scenario, path: string, x: number): Scenario {
  const keys = inputPath(path).split(".");
  const root: Record<string, unknown> = { ...s };
  let node = root;
  for (const k of keys.slice(0, -1)) {
    const child = node[k];
    const copy = (Array.isArray(child) ? [...child] : { ...(child as object) }) as Record<string, unknown>;
    node[k] = copy;
    node = copy;
  }
  const last = keys.at(-1)!;
  node[last] = typeof node[last] === "number" ? x : ({ type: "point", value: x } satisfies Uncertain);
  return root as unknown as Scenario;
}

/** The traced form of an output, where the engine keeps its arithmetic. */
export function tracedOutput(r: ScenarioResult, output: string): Traced | undefined {
  const t = r.deal?.totals;
  const c = r.capacity;
  const map: Record<string, Traced | undefined> = {
    "deal.labSpend": t?.labSpend,
    "deal.committedSpend": t?.committedSpend,
    "deal.providerMargin": t?.providerMargin,
    "deal.providerMarginShare": t?.providerMarginShare,
    "deal.providerCost": t?.providerCost,
    "deal.economicProfit": t?.economicProfit,
    "deal.circularity": t?.circularity,
    "deal.stake": t?.stake,
    "deal.stakeValue": t?.stakeValue,
    "capacity.power": c?.power,
    "capacity.chips": c?.chips,
    "capacity.capex": c?.capex.total,
    "capacity.energyPerYear": c?.energyPerYear,
    "capacity.homesUS": c?.homesUS,
  };
  return Object.hasOwn(map, output) ? map[output] : undefined;
}

function kindOf(output: string): QuantityKind | undefined {
  if (!Object.hasOwn(OUTPUTS, output)) return undefined;
  const k = OUTPUTS[output]!.kind;
  return k === "usdPerHour" ? "moneyRate" : k;
}

/** A quantity given for a kind: the same kind, or a bare number where a count, fraction or token count is meant. */
function ofKind(q: Quantity, kind: QuantityKind): boolean {
  return (
    q.kind === kind || (q.kind === "count" && (kind === "fraction" || kind === "tokens" || kind === "count"))
  );
}

/**
 * Answers one question on a scenario: the value of `entry.vary` for which `entry.target.output`
 * equals the target. Errors name the entry's field (`vary`, `target.output`, `between`, `target`);
 * `location` prefixes them ("solve[0]").
 */
export function solveScenario(
  s: Scenario,
  entry: SolveEntry,
  opts: { catalog?: Catalog; location?: string; base?: ScenarioResult } = {},
): SolveAnswer {
  const at = (k: string) => (opts.location ? `${opts.location}.${k}` : k);
  const path = inputPath(entry.vary);
  const { parent, value } = leaf(s, path);
  const known = SOLVABLE[path];
  if (
    parent === undefined ||
    parent === null ||
    typeof parent !== "object" ||
    (value === undefined && !known)
  ) {
    throw new InputError(`the scenario has no input "${entry.vary}"`, {
      location: at("vary"),
      hint: `vary an input the file sets (e.g. capacity.power, deal.commitments.0.amount) or one it may leave unset (${Object.keys(SOLVABLE).join(", ")})`,
    });
  }
  let kind: QuantityKind;
  let current: number | undefined;
  if (isUncertain(value)) {
    current = nominal(value);
    kind = value.kind ?? known?.kind ?? "count";
  } else if (typeof value === "number") {
    current = value;
    kind = "count";
  } else if (value === undefined) kind = known!.kind;
  else
    throw new InputError(`"${entry.vary}" is not a number to vary`, {
      location: at("vary"),
      hint: "vary a quantity such as deal.pricePerGwYear or capacity.power",
    });
  const output = entry.target.output;
  const want = kindOf(output);
  const base = opts.base ?? evaluateScenario(s, { catalog: opts.catalog });
  if (!Object.hasOwn(base.outputs, output))
    throw new InputError(`this scenario computes no output "${output}"`, {
      location: at("target.output"),
      hint: `outputs: ${Object.keys(base.outputs).join(", ")}`,
    });
  if (want && !ofKind(entry.target.value, want))
    throw new InputError(`the target is a ${entry.target.value.kind}, but ${output} is a ${want}`, {
      location: at("target.value"),
      hint: `write it as ${formatQuantity(base.outputs[output]!, want)} is written`,
    });
  if (entry.between && !(ofKind(entry.between.low, kind) && ofKind(entry.between.high, kind)))
    throw new InputError(`the range is not a ${kind}, as ${entry.vary} is`, {
      location: at("between"),
      hint: "give low and high in the input's unit",
    });
  const low = entry.between?.low.value ?? known?.low ?? (current! > 0 ? current! / 100 : 0);
  const high =
    entry.between?.high.value ?? known?.high ?? (kind === "fraction" ? 1 : current! > 0 ? current! * 100 : 1);
  // Outputs are in SI units but for TCO per chip-hour, in US$ per hour.
  const target =
    OUTPUTS[output]?.kind === "usdPerHour" ? entry.target.value.value * 3600 : entry.target.value.value;
  const strategy =
    path.startsWith("hardware.") || path.startsWith("training.")
      ? undefined
      : base.training?.estimate.strategy;
  const f = (x: number) => {
    try {
      const y = evaluateScenario(withInput(s, path, x), { catalog: opts.catalog, strategy }).outputs[output];
      return y ?? Number.NaN;
    } catch (e) {
      // An input value the chain refuses (no strategy fits, say) is a point to step around.
      if (e instanceof InputError) return Number.NaN;
      throw e;
    }
  };
  const result = solveFor(f, target, low, high, {
    integer: kind === "count" && typeof value === "number",
    location: at("target"),
    input: entry.vary,
    output,
    formatX: (x) => formatQuantity(x, kind),
    formatY: (y) => formatOutput(output, y),
  });
  const atAnswer = evaluateScenario(withInput(s, path, result.x), { catalog: opts.catalog, strategy });
  const traced = tracedOutput(atAnswer, output);
  return {
    id: entry.id,
    text: entry.text,
    vary: entry.vary,
    kind,
    output,
    result,
    current,
    formula: traced?.formula,
    sources: traced?.sources ?? [],
  };
}

/** One line for people: "deal.pricePerGwYear = $4.2B gives provider's operating margin = $0". */
export function solveLine(a: SolveAnswer): string {
  return `${a.vary} = ${formatQuantity(a.result.x, a.kind)} gives ${outputLabel(a.output)} = ${formatOutput(a.output, a.result.y)}${a.current !== undefined ? ` (the scenario has ${formatQuantity(a.current, a.kind)})` : ""}`;
}

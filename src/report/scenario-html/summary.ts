/**
 * The report's opening paragraph, written from the results: who pays whom, what the compute is,
 * what it buys, what it costs, how sure the figures are and what would change them most. Each
 * sentence is written only when its outputs exist, and each number is the same tagged text as its
 * key figure, so the paragraph cannot disagree with the cards below it.
 */
import { economics } from "../../catalog/economics.js";
import { outputLabel } from "../../scenario/outputs.js";
import { formatNumber, formatQuantity } from "../../units/format.js";
import type { Inline } from "../html/spec.js";
import { inputName } from "../inputs.js";
import { type Context, defined, figureText, rangeText } from "./context.js";

/** Text, a figure, or undefined for a figure the results lack. */
type Part = Inline | undefined;

/** A figure with its p5-p95 range in brackets when sampled ("$125B ($103B-$147B)"). */
function withRange(ctx: Context, output: string): Inline[] | undefined {
  const v = figureText(ctx, output);
  if (!v) return undefined;
  const r = rangeText(ctx, output);
  return r ? [v, " (p5\u2013p95 ", r[0]!, "\u2013", r[1]!, ")"] : [v];
}

/** Parts joined into a sentence, or undefined when a figure it needs is missing. */
function flat(parts: (Part | Inline[])[]): Inline[] | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.flatMap((p) => (Array.isArray(p) ? p : [p as Inline]));
}

/** Who pays whom: the investment and the stake, the commitment and what the lab spends at market. */
function money(ctx: Context): Inline[] | undefined {
  const d = ctx.result.deal;
  if (!d) return undefined;
  const { lab, provider, investor } = d.deal;
  const contingent = d.totals.contingentInvestment.value;
  const stake = figureText(ctx, "deal.stake");
  const invest = investor
    ? flat([
        `${investor} puts `,
        figureText(ctx, "deal.investment"),
        ` into ${lab}`,
        contingent ? ` (${formatQuantity(contingent, "money")} more on milestones)` : "",
        ...(stake ? [" for a ", stake, ` stake`] : []),
        "; ",
      ])
    : [];
  const cs = d.deal.commitments;
  const from = cs.length ? Math.min(...cs.map((c) => c.startYear)) : d.deal.startYear;
  const to = cs.length ? Math.max(...cs.map((c) => c.startYear + c.years - 1)) : d.deal.endYear;
  const spend = withRange(ctx, "deal.labSpend");
  const price = figureText(ctx, "deal.pricePerGwYear");
  const commit = flat([
    `${lab} commits at least `,
    withRange(ctx, "deal.committedSpend"),
    ` of ${provider} spend from ${from} to ${to}, a take-or-pay floor`,
    ...(spend && price ? [": at ", price, " of capacity it spends ", ...spend] : []),
    ".",
  ]);
  return commit ? [...(invest ?? []), ...commit] : invest;
}

/** What the compute is: power, chips, peak compute, energy, homes. */
function fleet(ctx: Context): Inline[] | undefined {
  const cap = ctx.result.capacity;
  if (!cap) return undefined;
  const gens = cap.generations.map((g) => `${formatNumber(g.share * 100, 2)}% ${g.name}`).join(", ");
  const chips = figureText(ctx, "capacity.chips");
  const peak = figureText(ctx, "capacity.peakFlopsBf16");
  const energy = figureText(ctx, "capacity.energyPerYear");
  const homes = figureText(ctx, "capacity.homesUS");
  const existing = ctx.result.deal?.totals.existingPowerW.value ?? 0;
  return flat([
    ctx.result.deal ? "The new capacity is " : "The capacity is ",
    withRange(ctx, "capacity.power"),
    " of facility power at full load",
    existing > 0 ? ` (beside ${formatQuantity(existing, "power")} online before the deal)` : "",
    ...(chips ? [": ", chips, ` chips (${gens})`] : []),
    ...(peak ? [", ", peak, " of peak BF16 compute"] : []),
    ...(energy ? [", drawing ", energy, " a year"] : []),
    ...(homes ? [", the electricity of ", homes, " US homes"] : []),
    ".",
  ]);
}

/** What the compute buys: frontier runs and tokens, and what a token costs. */
function buys(ctx: Context): Inline[] | undefined {
  const runs = withRange(ctx, "deal.trainingRunsPerYear");
  const tokens = figureText(ctx, "deal.outputTokensPerYear");
  const price = figureText(ctx, "serving.usdPerMOutput");
  const atCost = figureText(ctx, "serving.usdPerMOutputAtTco");
  const parts: Inline[] = [];
  const frontier = withRange(ctx, "deal.frontierRunsPerYear");
  if (runs) {
    const model = ctx.result.model?.name ?? "the scenario's model";
    parts.push("At full ramp it trains ", ...runs, ` runs a year of ${model}`);
    if (frontier) parts.push(" (", ...frontier, " of that year's frontier run on the trend)");
  } else if (frontier) parts.push("At full ramp it trains ", ...frontier, " frontier-sized runs a year");
  if (tokens)
    parts.push(runs || frontier ? " or serves " : "At full ramp it serves ", tokens, " of output a year");
  if (price) {
    parts.push(parts.length ? ", at " : "Serving costs ", price, " for output tokens at the cloud price");
    if (atCost) parts.push(" (", atCost, " at the provider's own cost)");
  }
  return parts.length ? [...parts, "."] : undefined;
}

/** What it costs to build and run, and what the provider makes of it. */
function costs(ctx: Context): Inline[] | undefined {
  const capex = figureText(ctx, "capacity.capex");
  const tco = figureText(ctx, "capacity.tcoPerChipHour");
  const margin = figureText(ctx, "deal.providerMargin");
  const circ = figureText(ctx, "deal.circularity");
  const d = ctx.result.deal;
  const parts: Inline[] = [];
  if (capex) parts.push("Building it costs ", capex);
  if (tco) parts.push(capex ? ", running it " : "Running it costs ", tco);
  if (parts.length) parts.push(". ");
  if (margin && d) {
    parts.push(`Over the deal ${d.deal.provider}'s operating margin is `, margin);
    const share = figureText(ctx, "deal.providerMarginShare");
    const reported = economics().provider(d.deal.provider);
    if (share)
      parts.push(
        " (",
        share,
        ` of revenue${reported ? ` against ${reported.segment}'s reported ${formatQuantity(reported.operatingMargin.value, "fraction")}` : ""})`,
      );
  }
  if (circ && d?.deal.investor)
    parts.push(
      margin ? ", and " : "",
      circ,
      ` of ${d.deal.investor}'s investment comes back to it as revenue`,
    );
  if (margin || circ) parts.push(".");
  return parts.length ? parts : undefined;
}

/** How sure: the samples, the cases, and the input that moves the headline most. */
function sureness(ctx: Context): Inline[] | undefined {
  const parts: Inline[] = [];
  if (ctx.monteCarlo) {
    parts.push(
      `Figures are medians of ${formatNumber(ctx.monteCarlo.samples)} Monte Carlo samples with their p5\u2013p95 range`,
    );
  } else parts.push("Figures are at the scenario's nominal inputs (no Monte Carlo was run)");
  const caseInputs = [...new Set((ctx.cases ?? []).map((c) => c.input))];
  if (caseInputs.length) {
    const names = caseInputs.map((i) => inputName(i, ctx.s)).join(", ");
    parts.push(`; sources disagree far apart on ${names}, so each reading is shown as its own case`);
  }
  parts.push(".");
  // The largest relative swing of any output the paragraph shows, and the input behind it.
  const shown = [
    "deal.committedSpend",
    "capacity.power",
    "capacity.chips",
    "deal.trainingRunsPerYear",
    "serving.usdPerMOutput",
    "deal.providerMargin",
  ];
  let best: { output: string; input: string; share: number } | undefined;
  for (const t of ctx.drivers ?? []) {
    if (!shown.includes(t.output) || !t.rows[0] || !(Math.abs(t.base) > 0)) continue;
    const share = t.rows[0].swing / Math.abs(t.base);
    if (t.rows[0].swing > 0 && (!best || share > best.share))
      best = { output: t.output, input: t.rows[0].input, share };
  }
  if (best)
    parts.push(
      ` What would change the answer most: ${inputName(best.input, ctx.s)}, which alone moves ${outputLabel(best.output)} by ${formatNumber(best.share * 100, 2)}% of its nominal value.`,
    );
  return parts;
}

/** The opening paragraph, as text and tagged figures. */
export function summaryParagraph(ctx: Context): Inline[] {
  const sentences = [money(ctx), fleet(ctx), buys(ctx), costs(ctx), sureness(ctx)].filter(defined);
  return sentences.flatMap((s, i) => (i === 0 ? s : [" ", ...s]));
}

/**
 * Hedges: the words that make a number a ceiling ("up to $25 billion"), a floor ("more than
 * $100 billion"), an approximation ("about 1 GW") or a range. A hedge is range semantics, never
 * the value itself: "more than $100B" is a floor, not the price.
 */
import type { MentionKind } from "./mentions.js";

/** How a stated number bounds the truth. */
export type Hedge = "exact" | "floor" | "ceiling" | "approximate" | "range";

const DIRECT: [Hedge, RegExp][] = [
  [
    "ceiling",
    /\b(?:up to|as much as|as many as|as high as|at most|no more than|(?:a )?maximum of|less than|fewer than|under|below|capped at)\s*$/i,
  ],
  [
    "floor",
    /\b(?:more than|over|upwards of|upward of|in excess of|at least|north of|exceeding|above|no less than|(?:a )?minimum of|beyond|greater than|well over)\s*$/i,
  ],
  [
    "approximate",
    /(?:\b(?:about|around|roughly|approximately|approx\.|nearly|almost|some|close to|an estimated|estimated|circa|just under|just over|more or less|on the order of)|~)\s*$/i,
  ],
];

/** Words between a hedge and its number that change nothing ("up to a staggering $25 billion"). */
const FILLER =
  /(?:\s*\b(?:a|an|the|its|their|another|staggering|whopping|massive|colossal|record|hefty|blockbuster|reported|fresh|further|additional|new|total|sum|of|mammoth|huge|roughly)\b)+\s*$/i;

/** A ceiling said by an option or a possibility: "an option to increase its total investment to". */
const OPTION =
  /\b(?:option|options|could|may|might|potentially|eventually|over time|milestones?)\b[^.;:]{0,70}\b(?:to|reach|reaching)\s*$/i;

export interface FoundHedge {
  hedge: Hedge;
  /** Characters it takes before the number, when it stands right there (to include in the text). */
  length: number;
  direct: boolean;
}

/** The hedge in the text just before a quantity of `kind`, if any. */
export function hedgeBefore(before: string, kind: MentionKind): FoundHedge | undefined {
  for (const [hedge, re] of DIRECT) {
    const m = re.exec(before);
    // "over the next decade", "over ten years": a span, not a floor.
    if (m && !(kind === "time" && /over\s*$/i.test(m[0])))
      return { hedge, length: m[0].length, direct: true };
  }
  const filler = FILLER.exec(before);
  if (filler) {
    const rest = before.slice(0, filler.index);
    for (const [hedge, re] of DIRECT) {
      const m = re.exec(rest);
      if (m && !(kind === "time" && /over\s*$/i.test(m[0]))) return { hedge, length: 0, direct: false };
    }
    if (OPTION.test(rest)) return { hedge: "ceiling", length: 0, direct: false };
  }
  if (OPTION.test(before)) return { hedge: "ceiling", length: 0, direct: false };
  return undefined;
}

/** A hedge written after the number: "$100B or more", "$5B-plus", "1 GW or so". */
export function hedgeAfter(after: string): { hedge: Hedge; length: number } | undefined {
  const floor = /^(?:\s*or\s+(?:more|higher|above)|-plus\b|\+(?!\s*[$\d]))/i.exec(after);
  if (floor) return { hedge: "floor", length: floor[0].length };
  const ceiling = /^\s*or\s+(?:less|fewer|lower)\b/i.exec(after);
  if (ceiling) return { hedge: "ceiling", length: ceiling[0].length };
  const approx = /^\s*or\s+so\b/i.exec(after);
  if (approx) return { hedge: "approximate", length: approx[0].length };
  return undefined;
}

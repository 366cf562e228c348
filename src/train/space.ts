/**
 * The strategy space: which values of each parallel dimension are valid for a problem, and the
 * checks that reject an impossible fixed strategy with a clear error.
 */
import { InputError } from "../errors.js";
import type { Problem } from "./problem.js";
import type { Strategy } from "./types.js";

/** Divisors of n, ascending. */
export function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d === 0) {
      small.push(d);
      if (d * d !== n) large.push(n / d);
    }
  }
  return small.concat(large.reverse());
}

/** Whether TP degree t splits the attention heads (and KV heads, or replicates them). */
export function tpValid(p: Problem, t: number): boolean {
  if (p.heads % t !== 0) return false;
  if (p.model.mla) return true;
  return p.kvHeads % t === 0 || t % p.kvHeads === 0;
}

/**
 * How pipeline stages may split the layers: "even" (pp x vp divides the layers), "embedding"
 * (or divides layers + 2: Megatron counts the embedding and the loss as a layer each), "any"
 * (uneven first and last stages, as published runs of e.g. 61-layer models do).
 */
export type PipelineSplit = "even" | "embedding" | "any";

/** Whether pp stages of vp virtual chunks split the layers under `split`. */
export function ppValid(p: Problem, pp: number, vp: number, split: PipelineSplit): boolean {
  if (pp === 1) return vp === 1;
  const chunks = pp * vp;
  if (p.layers % chunks === 0) return true;
  if (split === "even") return false;
  if ((p.layers + 2) % chunks === 0 && (p.layers + 2) / chunks >= 2) return true;
  return split === "any" && chunks <= p.layers;
}

/** Whether CP degree c splits the sequence into load-balanced halves. */
export function cpValid(p: Problem, c: number): boolean {
  return c === 1 || p.seq % (2 * c) === 0;
}

/** Whether EP degree e splits the experts and fits in the tp*cp*dp ranks. */
export function epValid(p: Problem, e: number, tp: number, cp: number, dp: number): boolean {
  if (e === 1) return true;
  if (p.moeLayers === 0) return false;
  return p.experts % e === 0 && (tp * cp * dp) % e === 0;
}

function bad(field: string, message: string, hint: string): never {
  throw new InputError(message, { location: `strategy.${field}`, hint });
}

/** Checks a complete strategy against the problem; throws InputError naming the field. */
export function checkStrategy(p: Problem, s: Strategy, split: PipelineSplit): void {
  for (const k of ["tp", "pp", "vp", "dp", "cp", "ep", "microBatch"] as const) {
    const v = s[k];
    if (!Number.isInteger(v) || v < 1)
      bad(k, `${k} must be a whole number of at least 1, got ${v}`, "e.g. 1, 2, 4, 8");
  }
  if (s.tp * s.pp * s.dp * s.cp !== p.chips)
    bad(
      "dp",
      `tp x pp x dp x cp = ${s.tp} x ${s.pp} x ${s.dp} x ${s.cp} = ${s.tp * s.pp * s.dp * s.cp}, not the chip count ${p.chips}`,
      "make the product equal the chips, or leave dp out to derive it",
    );
  if (!tpValid(p, s.tp))
    bad(
      "tp",
      `tp ${s.tp} does not divide the ${p.heads} attention heads${p.model.mla ? "" : ` and ${p.kvHeads} KV heads`}`,
      `use one of ${divisors(p.heads)
        .filter((t) => tpValid(p, t))
        .join(", ")}`,
    );
  if (s.pp > 1 && !ppValid(p, s.pp, 1, split))
    bad(
      "pp",
      `pp ${s.pp} does not divide the ${p.layers} layers${split === "embedding" ? ` (nor ${p.layers + 2} = layers + embedding + loss)` : ""}`,
      `use a divisor of ${p.layers}${split === "embedding" ? ` or of ${p.layers + 2}` : ""}`,
    );
  if (s.vp > 1 && (s.pp === 1 || !ppValid(p, s.pp, s.vp, split)))
    bad(
      "vp",
      `vp ${s.vp} with pp ${s.pp} does not split the ${p.layers} layers evenly`,
      "interleaving needs pp > 1 and pp x vp dividing the layers",
    );
  if (!cpValid(p, s.cp))
    bad("cp", `cp ${s.cp} does not split the sequence of ${p.seq} into 2 x cp chunks`, "use a power of two");
  if (!epValid(p, s.ep, s.tp, s.cp, s.dp))
    bad(
      "ep",
      p.moeLayers === 0
        ? `ep ${s.ep} on a dense model`
        : `ep ${s.ep} does not divide the ${p.experts} experts or the tp x cp x dp = ${s.tp * s.cp * s.dp} ranks`,
      p.moeLayers === 0 ? "use ep 1" : "use a common divisor",
    );
  if (p.batchSeqs % (s.dp * s.microBatch) !== 0)
    bad(
      "microBatch",
      `global batch of ${p.batchSeqs} sequences is not a multiple of dp x micro-batch = ${s.dp} x ${s.microBatch}`,
      "change the micro-batch or the batch",
    );
  if (![0, 1, 2, 3].includes(s.zero)) bad("zero", `zero must be 0, 1, 2 or 3, got ${s.zero}`, "3 is FSDP");
  if (!["none", "selective", "partial", "full"].includes(s.recompute))
    bad(
      "recompute",
      `recompute must be none, selective, partial or full, got ${s.recompute}`,
      "e.g. selective",
    );
}

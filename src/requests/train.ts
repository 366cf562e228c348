/** The training request's own quantities: the global batch and the chip counts of a sweep. */
import { InputError } from "../errors.js";
import { parseQuantity } from "../units/quantity.js";

/** "16M" or "16M tokens" -> tokens; "1536 seqs" / "1536 sequences" -> sequences. */
export function parseBatch(text: string): { batchTokens?: number; batchSeqs?: number } {
  const seqs = /^\s*([\d_,.]+\s*[kKM]?)\s*(seq|seqs|sequences?)\s*$/i.exec(text);
  if (seqs) {
    const n = parseQuantity(seqs[1]!.trim(), "count").value;
    if (!Number.isInteger(n) || n <= 0)
      throw new InputError(`expected a whole number of sequences, got "${text}"`, {
        location: "--batch",
        hint: "e.g. 1536 seqs",
      });
    return { batchSeqs: n };
  }
  try {
    return { batchTokens: parseQuantity(text, "tokens").value };
  } catch (e) {
    if (e instanceof InputError)
      throw new InputError(e.message, { location: "--batch", hint: "e.g. 16M (tokens) or 1536 seqs" });
    throw e;
  }
}

/** "1024,2048,4k" -> [1024, 2048, 4000]: whole chip counts above 0. */
export function parseChipCounts(text: string): number[] {
  const parts = text
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  if (parts.length === 0)
    throw new InputError("no chip counts given", { location: "--chip-counts", hint: "e.g. 1024,2048,4096" });
  return parts.map((x) => {
    let n: number;
    try {
      n = parseQuantity(x, "count").value;
    } catch {
      n = Number.NaN;
    }
    if (!Number.isInteger(n) || n <= 0)
      throw new InputError(`"${x}" is not a whole number of chips above 0`, {
        location: "--chip-counts",
        hint: "e.g. 1024,2048,4096",
      });
    return n;
  });
}

/**
 * Published measurements as validation rows: one zod schema per file kind (training runs,
 * inference runs; the formats of ../shared/validation/README.md), so that a row is checked, not
 * cast, and a malformed file gets one located line (`inference.json[12].chip_count: ...`). Every
 * field may be null (not published); unknown fields are refused, so a misspelt one is not
 * silently ignored.
 */
import { z } from "zod";
import { InputError } from "../errors.js";

const num = z.number().refine(Number.isFinite, "must be a finite number").nullish();
const text = z.string().nullish();
const id = z.union([z.number(), z.string().min(1)]);

function fields<const K extends string>(numbers: readonly K[]) {
  return Object.fromEntries(numbers.map((k) => [k, num])) as Record<K, typeof num>;
}
function texts<const K extends string>(names: readonly K[]) {
  return Object.fromEntries(names.map((k) => [k, text])) as Record<K, typeof text>;
}

/** One published inference run (inference.json, inference-trainium.json, data/validation/*.json). */
export const InferenceRow = z.strictObject({
  id,
  ...texts([
    "source_category",
    "source_title",
    "source_ref",
    "source_locator",
    "source_date_or_version",
    "model",
    "moe_config",
    "model_config_note",
    "hardware_chip",
    "chip_family",
    "system_name",
    "weight_precision",
    "activation_precision",
    "kv_cache_precision",
    "length_note",
    "concurrency_or_request_rate",
    "scenario",
    "latency_constraint",
    "metric_as_published",
    "software_stack",
    "notes",
  ]),
  ...fields([
    "model_total_params_b",
    "model_active_params_b",
    "n_layers",
    "hidden_size",
    "n_heads",
    "n_kv_heads",
    "head_dim",
    "ffn_size",
    "vocab_size",
    "chip_count",
    "tp",
    "pp",
    "ep",
    "dp",
    "input_length",
    "output_length",
    "batch_size",
    "concurrency",
    "request_rate_per_s",
    "total_tokens_per_s",
    "output_tokens_per_s",
    "throughput_tokens_per_s_unclassified",
    "output_tokens_per_s_per_chip_published",
    "derived_output_tokens_per_s_per_chip",
    "samples_or_requests_per_s",
    "ttft_ms_mean",
    "ttft_ms_p50",
    "ttft_ms_p99",
    "tpot_ms_mean",
    "tpot_ms_p50",
    "tpot_ms_p99",
    "itl_ms_mean",
    "itl_ms_median",
    "e2e_latency_ms_mean",
    "e2e_latency_ms_p50",
    "e2e_latency_ms_p99",
  ]),
});
export type InferenceRow = z.infer<typeof InferenceRow>;

/** One published training run (training.json, data/validation/*.json). */
export const TrainingRow = z.strictObject({
  id,
  ...texts([
    "source",
    "source_locator",
    "source_version",
    "source_kind",
    "model",
    "ffn_activation",
    "hardware",
    "precision",
    "sharding",
    "activation_recompute",
    "flops_convention",
    "framework",
    "config_provenance",
    "notes",
  ]),
  moe: z.boolean().nullish(),
  ...fields([
    "params_total_B",
    "params_active_B",
    "num_experts",
    "experts_per_token",
    "layers",
    "hidden_size",
    "attention_heads",
    "kv_heads",
    "head_dim",
    "ffn_size",
    "vocab_size",
    "seq_len",
    "chip_count",
    "nodes",
    "tp",
    "pp",
    "dp",
    "cp",
    "ep",
    "vp",
    "micro_batch",
    "global_batch_seqs",
    "global_batch_tokens",
    "grad_accum",
    "measured_tflops_per_chip",
    "measured_mfu_pct",
    "measured_hfu_pct",
    "measured_tokens_per_sec_per_chip",
    "measured_tokens_per_sec_total",
    "measured_seqs_per_sec_total",
    "measured_step_time_s",
    "measured_total_chip_hours",
    "training_tokens",
    "training_wall_days",
    "peak_tflops_per_chip_reference",
    "derived_tokens_per_sec_per_chip",
  ]),
});
export type TrainingRow = z.infer<typeof TrainingRow>;

/**
 * The rows of a validation file (parsed JSON), each checked against `schema`; `file` names the
 * file in errors. Throws InputError at the first bad row, with its index and field.
 */
export function parseRows<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S>[] {
  if (!Array.isArray(data)) {
    throw new InputError("expected a JSON array of runs", {
      location: file,
      hint: "see ../shared/validation/README.md for the format",
    });
  }
  return data.map((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    const field = issue.path.length ? `.${issue.path.join(".")}` : "";
    const unknown = issue.code === "unrecognized_keys" ? issue.keys : undefined;
    throw new InputError(unknown ? `unknown field "${unknown[0]}"` : issue.message, {
      location: `${file}[${i}]${unknown ? `.${unknown[0]}` : field}`,
      hint: unknown
        ? "the fields are those of ../shared/validation/README.md"
        : row && typeof row === "object"
          ? "numbers as numbers, text as strings, null where not published"
          : "each run is an object of fields",
    });
  });
}

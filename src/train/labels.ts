/**
 * Maps free-form hardware and model labels of published runs to catalog ids. These tables map
 * names only (never results); the first id the catalog knows wins.
 */

/** A hardware label pattern and the catalog systems or chips it names, best first. */
export interface HardwareLabel {
  pattern: RegExp;
  ids: string[];
  /**
   * How many of the published parallel degrees make one chip: Trainium1 runs count NeuronCores
   * (two per chip) in tp x pp x dp.
   */
  unitsPerChip?: number;
}

export const HARDWARE_LABELS: HardwareLabel[] = [
  { pattern: /GB300/i, ids: ["gb300-nvl72", "gb300"] },
  { pattern: /GB200/i, ids: ["gb200-nvl72", "gb200"] },
  { pattern: /\bB300\b/i, ids: ["dgx-b300", "b300"] },
  { pattern: /\bB200\b/i, ids: ["dgx-b200", "b200"] },
  { pattern: /H800/i, ids: ["h800"] },
  { pattern: /H200/i, ids: ["p5e.48xlarge", "h200"] },
  { pattern: /H100.*(PCIe)/i, ids: ["h100-pcie"] },
  { pattern: /H100.*\bA3\b/i, ids: ["a3-highgpu-8g"] },
  { pattern: /H100/i, ids: ["dgx-h100", "p5.48xlarge", "h100-sxm"] },
  { pattern: /A100.*40\s?GB/i, ids: ["a100-40gb", "p4d.24xlarge"] },
  { pattern: /A100/i, ids: ["dgx-a100", "a100-80gb", "p4de.24xlarge"] },
  { pattern: /V100/i, ids: ["v100", "p3dn.24xlarge"] },
  { pattern: /TPU\s*v5\s*e|v5e|v5\s*lite/i, ids: ["gcp-tpu-v5e", "tpu-v5e"] },
  { pattern: /TPU\s*v5\s*p|v5p/i, ids: ["gcp-tpu-v5p", "tpu-v5p"] },
  { pattern: /TPU\s*v6|trillium/i, ids: ["gcp-tpu-v6e", "tpu-v6e"] },
  { pattern: /TPU\s*v4/i, ids: ["gcp-tpu-v4", "tpu-v4"] },
  { pattern: /TPU\s*v3/i, ids: ["gcp-tpu-v3", "tpu-v3"] },
  { pattern: /Trainium\s*3|trn3/i, ids: ["trn3-ultraserver", "trainium3"] },
  { pattern: /Trainium\s*2|trn2/i, ids: ["trn2.48xlarge", "trainium2"] },
  { pattern: /Trainium\s*1?\b|trn1/i, ids: ["trn1.32xlarge", "trainium1"], unitsPerChip: 2 },
  { pattern: /MI355/i, ids: ["mi355x"] },
  { pattern: /MI325/i, ids: ["mi325x"] },
  { pattern: /MI300/i, ids: ["mi300x"] },
  { pattern: /MI250/i, ids: ["mi250x"] },
  { pattern: /Gaudi\s*3/i, ids: ["gaudi3"] },
  { pattern: /Gaudi\s*2/i, ids: ["gaudi2"] },
];

/** Model-name patterns to catalog model ids, used only to fill architecture fields a row leaves out. */
export const MODEL_LABELS: { pattern: RegExp; ids: string[] }[] = [
  { pattern: /^GPT-([\d.]+)B \(Megatron weak/i, ids: ["megatron-gpt-$1b"] },
  { pattern: /^GPT-([\d.]+)B \(Megatron-Core/i, ids: ["mcore-gpt-$1b"] },
  { pattern: /deepseek.?v3/i, ids: ["deepseek-v3"] },
  { pattern: /deepseek.?v2/i, ids: ["deepseek-v2"] },
  { pattern: /qwen3.?30b/i, ids: ["qwen3-30b-a3b"] },
  { pattern: /qwen3.?235b/i, ids: ["qwen3-235b-a22b"] },
  { pattern: /qwen2.?57b/i, ids: ["qwen2-57b-a14b"] },
  { pattern: /gpt.?oss.?120b/i, ids: ["gpt-oss-120b"] },
  { pattern: /mixtral.?8x22b/i, ids: ["mixtral-8x22b"] },
  { pattern: /mixtral.?8x7b/i, ids: ["mixtral-8x7b"] },
  { pattern: /llama.?3\.?1.?405b/i, ids: ["llama-3.1-405b"] },
  { pattern: /llama.?3(\.1)?.?70b/i, ids: ["llama-3.1-70b", "llama-3-70b"] },
  { pattern: /llama.?3(\.1)?.?8b/i, ids: ["llama-3.1-8b", "llama-3-8b"] },
  { pattern: /nemotron.?4?.?340b/i, ids: ["nemotron-4-340b"] },
  { pattern: /nemotron.?(3.?)?8b/i, ids: ["nemotron-3-8b"] },
  { pattern: /nemotron.?22b/i, ids: ["nemotron-22b"] },
  { pattern: /gpt.?3.?20b/i, ids: ["nemo-gpt3-20b"] },
  { pattern: /gpt.?3.?5b/i, ids: ["nemo-gpt3-5b"] },
  { pattern: /^gpt 22b/i, ids: ["megatron-gpt-22b"] },
  { pattern: /mt-?nlg|530b/i, ids: ["mt-nlg-530b", "megatron-gpt-530b"] },
  { pattern: /gpt.?3.*175b|gpt3.?175b|175b llm/i, ids: ["gpt-3-175b"] },
  { pattern: /bloom/i, ids: ["bloom-176b"] },
  { pattern: /opt.?175b/i, ids: ["opt-175b"] },
  { pattern: /glm.?130b/i, ids: ["glm-130b"] },
  { pattern: /neox/i, ids: ["gpt-neox-20b"] },
  { pattern: /palm/i, ids: ["palm-540b"] },
  { pattern: /gopher/i, ids: ["gopher-280b"] },
  { pattern: /deepseek llm 67b/i, ids: ["deepseek-llm-67b"] },
];

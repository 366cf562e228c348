/**
 * One request per command, read the same way from CLI flags, HTTP bodies and queries: the
 * schema is the single source of the command's fields, their types, bounds and conflicts.
 *
 * The pattern (copy train.ts for a new command, or add a field to a schema for a new option):
 * 1. `XRequest`, a zod strict object whose fields are named in camelCase: the HTTP body's names, and
 *    the CLI flags in kebab-case (batchSeqs -> --batch-seqs; src/cli/options.ts makes the flags from
 *    the schema, with each field's `.describe()` as the help). Every field is a type of ./fields.ts
 *    (quantities through src/units, whole numbers, catalog names), bounded by src/units/limits.ts.
 * 2. Fields that may not go together are refused in `.superRefine` with `conflict(ctx, r, a, b)`;
 *    messages name fields as `{field}`, which each front end writes its own way.
 * 3. `xOptions(request)` (or `xPlan`) turns the parsed request into the engine's options, and
 *    `X_NAMES` says which request field sets an engine option named otherwise, so an engine error
 *    ("averageLoad") is placed at the field ("--load", "body.load").
 * 4. A front end reads with `readRequest(XRequest, raw, flags())` (or `body`, `query`) and runs
 *    the engine in `inEngine(() => ..., front, X_NAMES)`; scenario files share the vocabulary
 *    (src/scenario/fields.ts) and their errors are placed at FILE:LINE:COL by src/run/.
 */
export { CAPACITY_NAMES, CapacityRequest, capacityOptions } from "./capacity.js";
export { DEAL_NAMES, DealRequest, dealOptions } from "./deal.js";
export {
  body,
  conflict,
  type EngineNames,
  type Front,
  flags,
  inEngine,
  inEngineSync,
  query,
  readRequest,
} from "./read.js";
export { MAX_REPORTS, ReadRequest } from "./reports.js";
export { RunRequest } from "./run.js";
export { SERVE_NAMES, type ServePlan, ServeRequest, servePlan } from "./serve.js";
export { SolveRequest } from "./solve.js";
export { TRAIN_NAMES, type TrainPlan, TrainRequest, trainPlan } from "./train.js";

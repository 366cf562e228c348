/** Power: what one accelerator draws at full and average load, in the server and the building, and its electricity. */
export { type ChipPower, chipPower, tdpOf } from "./chip.js";
export {
  type Bound,
  checkBound,
  factInput,
  type PowerOverrides,
  type PowerParams,
  resolveFact,
  resolvePowerParams,
} from "./params.js";

/** `gigawatt capacity`: power <-> chips, energy, homes, capex and TCO per chip-hour. */
import type { Command } from "commander";
import { capacityAnswer } from "../../node/answers/capacity.js";
import type { Format } from "../../report/document.js";
import { CapacityRequest } from "../../requests/index.js";
import { print, withFormat } from "../common.js";
import { readFlags, requestFlags } from "../options.js";

export function register(program: Command): void {
  const cmd = program
    .command("capacity")
    .description(
      "size a fleet from a facility power or a chip count: FLOP/s, HBM, energy, homes equivalent, capex, TCO per chip-hour",
    );
  withFormat(requestFlags(cmd, CapacityRequest)).action((f: Record<string, unknown> & { format: Format }) => {
    const { request, front } = readFlags(CapacityRequest, f);
    print(capacityAnswer(request, front), f.format);
  });
}

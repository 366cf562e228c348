/** The capacity request's own quantities: electricity prices. */
import { InputError } from "../errors.js";

/** "$0.08/kWh", "$80/MWh" or a bare US$ per kWh, to US$ per joule. */
export function parseEnergyPrice(flag: string) {
  return (text: string): number => {
    const m = /^\$?\s*([0-9.eE+-]+)\s*(?:\/\s*(kWh|MWh|Wh))?$/.exec(text.trim());
    const n = m ? Number(m[1]) : Number.NaN;
    if (!m || !Number.isFinite(n) || n < 0)
      throw new InputError(`"${text}" is not an electricity price`, {
        location: flag,
        hint: 'e.g. "$0.08/kWh" or "$80/MWh"',
      });
    const per = { Wh: 3600, kWh: 3.6e6, MWh: 3.6e9 }[(m[2] ?? "kWh") as "Wh" | "kWh" | "MWh"];
    return n / per;
  };
}

/** Checks of a deal's terms, each a located InputError naming the field. */
import type { Catalog } from "../catalog/catalog.js";
import { InputError } from "../errors.js";
import { LIMITS } from "../units/limits.js";
import { fmt } from "../units/traced.js";
import { decimalYear } from "./dates.js";
import type { Deal } from "./types.js";

const MAX_USD = LIMITS.money.max;
const MAX_POWER_W = LIMITS.power.max;

function money(v: number, location: string, what: string): void {
  if (!(v >= 0 && v <= MAX_USD))
    throw new InputError(`${what} is ${Number.isFinite(v) ? fmt(v, "money") : String(v)}`, {
      location,
      hint: `an amount from $0 to ${fmt(MAX_USD, "money")}`,
    });
}

/** Checks a deal and throws an InputError naming the field. */
export function validateDeal(deal: Deal, cat: Catalog, location = "deal"): void {
  const at = (k: string) => `${location}.${k}`;
  if (!(deal.endYear >= deal.startYear))
    throw new InputError(`the deal ends (${deal.endYear}) before it starts (${deal.startYear})`, {
      location: at("end"),
      hint: "end >= start",
    });
  if (deal.endYear - deal.startYear > 60)
    throw new InputError(`the deal runs ${deal.endYear - deal.startYear + 1} years`, {
      location: at("end"),
      hint: "at most 61 years",
    });
  deal.tranches.forEach((t, i) => {
    const y = decimalYear(t.date, at(`tranches[${i}].date`));
    if (Math.floor(y) > deal.endYear)
      throw new InputError(`tranche on ${t.date} is after the deal ends (${deal.endYear})`, {
        location: at(`tranches[${i}].date`),
        hint: "move it or extend the deal's end",
      });
    money(t.amountUsd, at(`tranches[${i}].amount`), "tranche amount");
    if (t.postMoneyUsd !== undefined && !(t.postMoneyUsd >= t.amountUsd && t.postMoneyUsd > 0))
      throw new InputError(`post-money valuation ${fmt(t.postMoneyUsd, "money")} is below the tranche`, {
        location: at(`tranches[${i}].valuation`),
        hint: "a valuation at least the amount",
      });
    if (t.discount !== undefined && !(t.discount >= 0 && t.discount < 1))
      throw new InputError(`note discount is ${t.discount}`, {
        location: at(`tranches[${i}].discount`),
        hint: "from 0 up to (not including) 100%",
      });
    if (t.stake !== undefined && !(t.stake >= 0 && t.stake <= 1))
      throw new InputError(`stake is ${t.stake}`, {
        location: at(`tranches[${i}].stake`),
        hint: "between 0 and 100%",
      });
  });
  (deal.rounds ?? []).forEach((r, i) => {
    decimalYear(r.date, at(`rounds[${i}].date`));
    money(r.raisedUsd, at(`rounds[${i}].raised`), "round size");
    if (!(r.postMoneyUsd > r.raisedUsd))
      throw new InputError(
        `post-money ${fmt(r.postMoneyUsd, "money")} is not above the round's ${fmt(r.raisedUsd, "money")}`,
        {
          location: at(`rounds[${i}].postMoney`),
          hint: "post-money = pre-money + the money raised",
        },
      );
  });
  deal.commitments.forEach((c, i) => {
    money(c.amountUsd, at(`commitments[${i}].amount`), "commitment");
    if (!(c.years >= 1 && c.years <= 60) || !Number.isInteger(c.years))
      throw new InputError(`commitment runs ${c.years} years`, {
        location: at(`commitments[${i}].years`),
        hint: "a whole number of years, 1 to 60",
      });
    if (!(c.takeOrPay >= 0 && c.takeOrPay <= 1))
      throw new InputError(`take-or-pay share is ${c.takeOrPay}`, {
        location: at(`commitments[${i}].takeOrPay`),
        hint: "between 0 and 1",
      });
    if (c.capUsd !== undefined) {
      money(c.capUsd, at(`commitments[${i}].cap`), "spend cap");
      if (c.capUsd < c.takeOrPay * c.amountUsd)
        throw new InputError(
          `the take-or-pay floor ${fmt(c.takeOrPay * c.amountUsd, "money")} is above the spend cap ${fmt(c.capUsd, "money")}`,
          { location: at(`commitments[${i}].cap`), hint: "raise the cap or lower the floor" },
        );
    }
    if (c.startYear < deal.startYear || c.startYear + c.years - 1 > deal.endYear)
      throw new InputError(
        `commitment ${c.startYear}-${c.startYear + c.years - 1} runs outside the deal (${deal.startYear}-${deal.endYear})`,
        { location: at(`commitments[${i}].years`), hint: "shorten it or extend the deal" },
      );
  });
  let prevDate = Number.NEGATIVE_INFINITY;
  let prevPower = 0;
  let sawNew = false;
  deal.ramp.forEach((r, i) => {
    const d = decimalYear(r.date, at(`ramp[${i}].date`));
    if (d < prevDate)
      throw new InputError(`ramp date ${r.date} is before the previous one`, {
        location: at(`ramp[${i}].date`),
        hint: "list the ramp in date order",
      });
    if (!(r.powerW >= prevPower && r.powerW <= MAX_POWER_W))
      throw new InputError(`ramp power falls to ${fmt(r.powerW, "power")}`, {
        location: at(`ramp[${i}].power`),
        hint: "ramp power is the cumulative power online; it never falls",
      });
    if (r.existing && sawNew)
      throw new InputError("existing capacity is listed after new capacity", {
        location: at(`ramp[${i}].existing`),
        hint: "list what was online before the deal first",
      });
    if (!r.existing) sawNew = true;
    if (Math.floor(d) > deal.endYear)
      throw new InputError(`ramp date ${r.date} is after the deal ends`, { location: at(`ramp[${i}].date`) });
    if (r.retire !== undefined && decimalYear(r.retire, at(`ramp[${i}].retire`)) < d)
      throw new InputError(`phase retired on ${r.retire}, before it is installed (${r.date})`, {
        location: at(`ramp[${i}].retire`),
        hint: "a refresh comes after the install",
      });
    cat.chip(r.chip, at(`ramp[${i}].chip`));
    prevDate = d;
    prevPower = r.powerW;
  });
  const existing = deal.ramp.filter((r) => r.existing).at(-1)?.powerW ?? 0;
  const newPower = (deal.ramp.at(-1)?.powerW ?? 0) - existing;
  if (deal.committedPowerW !== undefined && newPower > deal.committedPowerW * (1 + 1e-9))
    throw new InputError(
      `the ramp adds ${fmt(newPower, "power")} of new capacity, beyond the committed ${fmt(deal.committedPowerW, "power")}`,
      { location: at("ramp"), hint: "lower the ramp or raise the committed power" },
    );
  deal.options.forEach((o, i) => {
    cat.chip(o.chip, at(`options[${i}].chip`));
    decimalYear(o.from, at(`options[${i}].from`));
  });
  const p = deal.pricing;
  const priceAt = p.basis === "gw-year" ? "pricing.perGwYear" : "pricing.perChipHour";
  if (p.basis !== "commitment") {
    const v = p.basis === "gw-year" ? p.usdPerWYear : p.usdPerChipHour;
    const max = p.basis === "gw-year" ? 1000 : 1e4;
    if (!(v >= 0 && v <= max))
      throw new InputError(`price is ${v < 0 ? "below zero" : String(v)}`, {
        location: at(priceAt),
        hint:
          p.basis === "gw-year"
            ? "a price of $0 or more per GW-year, e.g. $7B"
            : "a price of $0 or more per chip-hour, e.g. $2/h",
      });
    for (const [k, d] of [
      ["declinePerGeneration", p.declinePerGeneration],
      ["declinePerYear", p.declinePerYear],
    ] as const)
      if (!(d >= 0 && d < 1))
        throw new InputError(`price decline is ${d}`, {
          location: at(`pricing.${k}`),
          hint: "between 0 and 1",
        });
  }
  if (p.basis === "commitment" && deal.commitments.length === 0 && deal.ramp.length > 0)
    throw new InputError("pricing follows the commitment, but the deal has none", {
      location: at("pricing"),
      hint: "add a commitment or price per GW-year",
    });
}

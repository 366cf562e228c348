/**
 * The investor's stake through the lab's rounds: equity tranches buy at their post-money, notes
 * convert at the next priced round (less their discount), every later round dilutes what is held,
 * a stake the sources report (after a conversion or a recapitalization) replaces the arithmetic,
 * and the stake is marked at each round's post-money.
 */
import { fmt } from "../units/traced.js";
import { decimalYear } from "./dates.js";
import type { Round, Tranche } from "./types.js";

/** One step of the stake's history. */
export interface StakeStep {
  date: string;
  /** What happened, in words with its arithmetic. */
  event: string;
  /** The stake after it. */
  stake: number;
  /** The stake's value at the latest post-money known at that date, US$. */
  valueUsd: number;
}

/** The investor's stake over time. */
export interface StakeHistory {
  steps: StakeStep[];
  /** The stake at the end. */
  stake: number;
  /** Notes not yet converted at the end (principal), US$. */
  unconvertedUsd: number;
  /** The latest post-money valuation known, US$ (0 when none). */
  latestPostMoneyUsd: number;
  latestPostMoneyDate?: string;
}

type Event =
  | { kind: "round"; t: number; date: string; round: Round }
  | { kind: "tranche"; t: number; date: string; tranche: Tranche };

/**
 * The stake of an investor whose `tranches` are given, among the lab's `rounds`. A tranche on the
 * same date as a round is that round's participation: the round dilutes what was held before and
 * the tranche buys its share of the post-money.
 */
export function stakeHistory(tranches: readonly Tranche[], rounds: readonly Round[]): StakeHistory {
  const events: Event[] = [
    ...rounds.map((round) => ({
      kind: "round" as const,
      t: decimalYear(round.date),
      date: round.date,
      round,
    })),
    ...tranches.map((tranche) => ({
      kind: "tranche" as const,
      t: decimalYear(tranche.date),
      date: tranche.date,
      tranche,
    })),
  ];
  // Rounds before the tranches of the same date: the round dilutes, then the tranche buys in.
  events.sort((a, b) => a.t - b.t || (a.kind === b.kind ? 0 : a.kind === "round" ? -1 : 1));
  let stake = 0;
  let post = 0;
  let postDate: string | undefined;
  const notes: Tranche[] = [];
  const steps: StakeStep[] = [];
  const push = (date: string, event: string) => steps.push({ date, event, stake, valueUsd: stake * post });
  for (const e of events) {
    if (e.kind === "round") {
      const r = e.round;
      const diluted = stake * (1 - r.raisedUsd / r.postMoneyUsd);
      const kept = stake;
      stake = diluted;
      post = r.postMoneyUsd;
      postDate = r.date;
      let text = `${r.name ?? "round"}: ${fmt(r.raisedUsd, "money")} at ${fmt(r.postMoneyUsd, "money")} post-money`;
      if (kept > 0)
        text += `; ${fmt(kept, "fraction")} x (1 - ${fmt(r.raisedUsd / r.postMoneyUsd, "fraction")})`;
      // Notes outstanding convert at this round's price, less their discount.
      for (const n of notes.splice(0)) {
        const gained = n.amountUsd / (r.postMoneyUsd * (1 - (n.discount ?? 0)));
        stake += gained;
        text += `; note of ${fmt(n.amountUsd, "money")} (${n.date}) converts: + ${fmt(gained, "fraction")}`;
      }
      push(r.date, text);
      continue;
    }
    const t = e.tranche;
    if (t.contingent) continue;
    if (t.stake !== undefined) {
      stake = t.stake;
      notes.length = 0;
      if (t.postMoneyUsd) {
        post = t.postMoneyUsd;
        postDate = t.date;
      }
      push(
        t.date,
        `${fmt(t.amountUsd, "money")}; the sources report the stake after it: ${fmt(t.stake, "fraction")}`,
      );
    } else if (t.instrument === "note" || !t.postMoneyUsd) {
      notes.push(t);
      push(
        t.date,
        `${fmt(t.amountUsd, "money")} ${t.instrument === "note" ? "convertible note" : "at no reported valuation"}: converts at the next priced round`,
      );
    } else {
      // A tranche outside a listed round dilutes the holder like a round of its own size.
      const inRound = rounds.some((r) => r.date === t.date);
      const gained = t.amountUsd / t.postMoneyUsd;
      const before = stake;
      stake = (inRound ? stake : stake * (1 - gained)) + gained;
      post = t.postMoneyUsd;
      postDate = t.date;
      push(
        t.date,
        `${fmt(t.amountUsd, "money")} / ${fmt(t.postMoneyUsd, "money")} post-money = + ${fmt(gained, "fraction")}${!inRound && before > 0 ? `, earlier stake diluted by ${fmt(gained, "fraction")}` : ""}`,
      );
    }
  }
  return {
    steps,
    stake,
    unconvertedUsd: notes.reduce((s, n) => s + n.amountUsd, 0),
    latestPostMoneyUsd: post,
    latestPostMoneyDate: postDate,
  };
}

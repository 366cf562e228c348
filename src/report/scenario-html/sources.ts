/** Every source the report cites, with its title, date and address (linked where it is on the web). */

import { sourceAnchor } from "../html/anchor.js";
import type { HtmlSection } from "../html/spec.js";
import type { Context } from "./context.js";

export function sourcesSection(ctx: Context): HtmlSection | undefined {
  const ids = ctx.sources.all();
  if (ids.length === 0) return undefined;
  const missing: string[] = [];
  const rows = ids.map((id) => {
    const s = ctx.sources.lookup(id);
    if (!s) missing.push(id);
    return {
      id,
      title: s?.title ?? "(not found)",
      date: s?.date ?? "",
      address: s?.address ? { text: s.address, href: s.address } : "",
    };
  });
  return {
    title: "Sources",
    intro: "The scenario's own sources, then every catalog source a figure, input or claim above cites.",
    tables: [
      {
        columns: [
          { key: "id", label: "id" },
          { key: "title", label: "title" },
          { key: "date", label: "date" },
          { key: "address", label: "address" },
        ],
        rows,
        rowIds: ids.map(sourceAnchor),
      },
    ],
    notes: missing.length
      ? [`Cited but found neither in the scenario nor in the catalogs: ${missing.join(", ")}.`]
      : undefined,
  };
}

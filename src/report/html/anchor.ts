/** Element ids of a report page, for its links: sections by title, sources by id. */

/** A unique element id from a title ("Cash flows" -> "cash-flows", then "cash-flows-2"). */
export function slug(text: string, used: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "section";
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
  used.add(id);
  return id;
}

/** The element id of a source's row in the report's sources table. */
export function sourceAnchor(id: string): string {
  return `source-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

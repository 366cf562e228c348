/** The generated module's path. */
export const target: string;
/** The generated module's text for the page's sources. */
export function generate(): Promise<string>;

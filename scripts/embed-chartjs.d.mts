/** The generated module's path. */
export const target: string;
/** The generated module's text for the installed chart.js. */
export function generate(): string;

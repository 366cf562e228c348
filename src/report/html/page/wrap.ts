/** Category labels broken into lines, so that a phone-width axis does not cut them off. */

/** Average width of a tick label's character, CSS pixels (12 px system font). */
export const CHAR_PX = 6.6;

/** A label in lines of at most `chars` characters, broken at spaces. */
export function wrap(label: string, chars: number): string | string[] {
  if (label.length <= chars) return label;
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= chars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

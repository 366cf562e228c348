/** Engine errors name the option they are about ("strategy.dp", "averageLoad"); the API names the body field. */
import { InputError } from "../errors.js";

/**
 * Runs `f`; an InputError located at an engine option is relocated to the body field that sets
 * it (`map` renames options whose field is named otherwise, e.g. averageLoad -> load).
 */
export async function inBody<T>(f: () => T | Promise<T>, map: Record<string, string> = {}): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof InputError) || !e.location || !/^[A-Za-z][\w.[\]]*$/.test(e.location)) throw e;
    const key = e.location.replace(/^body\./, "").replace(/^strategy\./, "");
    const head = key.replace(/[.[].*$/, "");
    const field = map[head] !== undefined ? map[head] + key.slice(head.length) : key;
    throw new InputError(e.message, { location: `body.${field}`, hint: e.hint });
  }
}

/**
 * How many times the header `name` (lowercase) occurs in Node's `rawHeaders` (name, value, name, value...).
 * `req.headers` cannot tell: Node keeps the first of two Authorization or Content-Type headers and joins
 * most others with a comma.
 */
export function countHeader(rawHeaders: readonly string[], name: string): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const raw = rawHeaders[i] as string;
    if (raw.length === name.length && raw.toLowerCase() === name) count++;
  }
  return count;
}

/** A JSON object (not an array, not null), as a client's request body or its parts may be. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Loads every key of a batch on its own: whatever one key's load throws, even synchronously
 * while its request is built (vendorPath refuses an id like `..`), is that key's error alone.
 * DataLoader fails every key of a batch function that throws, so without this one bad id would
 * fail each of its neighbours' fields.
 */
export function loadEachKey<K, V>(keys: readonly K[], load: (key: K) => Promise<V>): Promise<Array<V | Error>> {
  return Promise.all(keys.map((key) => settle(() => load(key))));
}

/** `load`'s value, or what it threw or rejected with as an Error. */
async function settle<V>(load: () => V | Promise<V>): Promise<V | Error> {
  try {
    return await load();
  } catch (error) {
    return asError(error);
  }
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The few `Reflect` metadata functions that tsyringe (a dependency of @peculiar/x509) requires at
 * load time. The `reflect-metadata` package is not installed; this in-memory version is enough for
 * tsyringe's use (design:paramtypes lookups on decorated classes). Import it before @peculiar/x509.
 */
type Key = unknown;
const store = new WeakMap<object, Map<string | symbol | undefined, Map<Key, unknown>>>();

function table(target: object, property: string | symbol | undefined, create: boolean): Map<Key, unknown> | undefined {
  let byProp = store.get(target);
  if (!byProp) {
    if (!create) return undefined;
    byProp = new Map();
    store.set(target, byProp);
  }
  let entries = byProp.get(property);
  if (!entries && create) {
    entries = new Map();
    byProp.set(property, entries);
  }
  return entries;
}

interface ReflectMetadataApi {
  getMetadata?: (key: Key, target: object, property?: string | symbol) => unknown;
}

const R = Reflect as unknown as Record<string, unknown> & ReflectMetadataApi;
if (typeof R.getMetadata !== 'function') {
  const getOwnMetadata = (key: Key, target: object, property?: string | symbol): unknown => table(target, property, false)?.get(key);
  const getMetadata = (key: Key, target: object, property?: string | symbol): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const entries = table(t, property, false);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  };
  const defineMetadata = (key: Key, value: unknown, target: object, property?: string | symbol): void => {
    table(target, property, true)!.set(key, value);
  };
  R.getOwnMetadata = getOwnMetadata;
  R.getMetadata = getMetadata;
  R.defineMetadata = defineMetadata;
  R.hasMetadata = (key: Key, target: object, property?: string | symbol): boolean => getMetadata(key, target, property) !== undefined;
  R.metadata = (key: Key, value: unknown) => (target: object, property?: string | symbol): void => defineMetadata(key, value, target, property);
}

export {};

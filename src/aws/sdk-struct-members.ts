/**
 * @smithy/core/schema's NormalizedSchema.structIterator without a generator: the members of a
 * structure schema as [name, NormalizedSchema] pairs, in order. The package's is the one
 * generator a fresh login runs (the serialiser, the deserialiser and the event-stream checks
 * walk each structure with it), and JavaScriptCore compiles its generator built-ins from
 * source at the first generator of every run: ~0.2 ms for the first `yield`, ~0.13 for the
 * first `yield*` (a compiled probe). aws/sdk-schema-stand-in.ts puts this one in its place in
 * the binary; tests/aws/sdk-stand-ins.test.ts holds it to the package's.
 *
 * What stays the same: the same pairs, made the same way (a member schema per name), cached on
 * the structure under the package's symbol and reused while the structure has as many members;
 * the same error for a schema that is not a structure, and nothing for the unit schema. What a
 * caller gets is an array's iterator (every caller in the SDK runs it through `for...of`);
 * where the generator made the pairs one at a time and cached them only once all were made,
 * this makes them all at once and caches them at once: pure values, the same either way.
 */

/** The package's cache of a structure's pairs (NormalizedSchema.js `anno.it`). */
const CACHED_MEMBERS = Symbol.for("@smithy/nor-struct-it");

/** The part of the package's NormalizedSchema this needs. */
interface SchemaLike {
  isUnitSchema(): boolean;
  isStructSchema(): boolean;
  getSchema(): unknown;
}

interface SchemaClass {
  new (ref: unknown, memberName?: string): SchemaLike;
  prototype: SchemaLike & { structIterator?: unknown };
}

type Pair = [string, SchemaLike];
type Struct = unknown[] & { [CACHED_MEMBERS]?: Pair[] };

/** Gives `schemaClass` (the package's NormalizedSchema) this structIterator. */
export function useStructMembers(schemaClass: SchemaClass): void {
  // A method as the class defines one: not enumerable, writable, configurable.
  Object.defineProperty(schemaClass.prototype, "structIterator", {
    value: function structIterator(this: SchemaLike): IterableIterator<Pair> {
      return structMembers(this, schemaClass).values();
    },
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

function structMembers(schema: SchemaLike, schemaClass: SchemaClass): Pair[] {
  if (schema.isUnitSchema()) return [];
  if (!schema.isStructSchema()) {
    throw new Error("@smithy/core/schema - cannot iterate non-struct schema.");
  }
  const struct = schema.getSchema() as Struct;
  const names = struct[4] as string[];
  const members = struct[5] as unknown[];
  const cached = struct[CACHED_MEMBERS];
  if (cached && cached.length === names.length) return cached;
  const pairs: Pair[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    // The package's member([struct[5][i], 0], k): a new member schema, named.
    pairs[i] = [name, new schemaClass([members[i], 0], name)];
  }
  struct[CACHED_MEMBERS] = pairs;
  return pairs;
}

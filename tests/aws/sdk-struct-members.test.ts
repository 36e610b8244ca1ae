/**
 * aws/sdk-struct-members.ts against @smithy/core/schema's own NormalizedSchema.structIterator
 * (a generator): the same members in the same order, for every structure, input, output and
 * error schema of the STS and IAM clients, fresh and from the cache; the same error for what
 * is no structure, nothing for the unit schema. And the schema stand-in is the package's index
 * with that method in place.
 */
import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import * as iam from "@aws-sdk/client-iam";
import * as sts from "@aws-sdk/client-sts";
import type { NormalizedSchema as Schema } from "@smithy/core/schema";
import { useStructMembers } from "../../src/aws/sdk-struct-members.ts";
import { SMITHY_SUBMODULES } from "../support/smithy-sources.ts";

// The package's ES module file, which the binary bundles and the stand-in re-exports.
const SCHEMA_INDEX = join(SMITHY_SUBMODULES, "schema", "index.js");
const index = await import(SCHEMA_INDEX);
const NormalizedSchema = index.NormalizedSchema as typeof Schema;
type NormalizedSchema = Schema;

const CACHED_MEMBERS = Symbol.for("@smithy/nor-struct-it");
type Walk = (this: NormalizedSchema) => Iterable<[string, NormalizedSchema]>;

// The package's generator, kept before anything here replaces it, and put back at the end:
// this file is the only one that imports the stand-in.
const generator = NormalizedSchema.prototype.structIterator as unknown as Walk;
afterAll(() => {
  Object.defineProperty(NormalizedSchema.prototype, "structIterator", {
    value: generator,
    writable: true,
    enumerable: false,
    configurable: true,
  });
});

/** A class of its own for the replacement, so that the package's stays a generator here. */
class Replaced extends NormalizedSchema {}
useStructMembers(Replaced as never);
const replaced = Replaced.prototype.structIterator as unknown as Walk;

/** Every static schema the two clients export (named NAME$): structures, operations, errors. */
function staticSchemas(): unknown[] {
  return [...Object.entries(sts), ...Object.entries(iam)]
    .filter(([name, value]) => name.endsWith("$") && Array.isArray(value))
    .map(([, value]) => value);
}

/** A member schema as what the SDK reads of it. */
function described(member: NormalizedSchema): unknown {
  return {
    name: member.getName(true),
    memberName: member.getMemberName(),
    traits: member.getMergedTraits(),
    schema: member.getSchema(),
    struct: member.isStructSchema(),
    list: member.isListSchema(),
    streaming: member.isStreaming(),
  };
}

/** The members `walk` gives, or the error it throws (a generator's on the first step). */
function walked(schema: NormalizedSchema, walk: Walk): unknown {
  try {
    return [...walk.call(schema)].map(([name, member]) => [name, described(member)]);
  } catch (error) {
    return { threw: [(error as Error).constructor.name, (error as Error).message] };
  }
}

/** The structure `schema` caches its members on, if any. */
function struct(schema: NormalizedSchema): Record<symbol, unknown> | undefined {
  const inner = schema.getSchema() as unknown;
  return Array.isArray(inner) ? (inner as unknown as Record<symbol, unknown>) : undefined;
}

test("the same members as the package's generator, for every schema of STS and IAM", () => {
  const schemas = staticSchemas();
  expect(schemas.length).toBeGreaterThan(100);
  let structures = 0;
  for (const raw of schemas) {
    const forms = [raw];
    // An operation's input and output, as the serialiser and deserialiser walk them.
    if ((raw as unknown[])[0] === 9) forms.push((raw as unknown[])[4], (raw as unknown[])[5]);
    for (const form of forms) {
      const schema = NormalizedSchema.of(form as never);
      if (schema.isStructSchema()) structures++;
      // Fresh: neither finds the other's cache.
      delete struct(schema)?.[CACHED_MEMBERS];
      const theirs = walked(schema, generator);
      delete struct(schema)?.[CACHED_MEMBERS];
      const ours = walked(schema, replaced);
      expect([String(schema.getName(true)), ours]).toEqual([String(schema.getName(true)), theirs]);
      // From the cache each made: the same pairs again.
      expect(walked(schema, replaced)).toEqual(theirs);
      expect(walked(schema, generator)).toEqual(theirs);
    }
  }
  expect(structures).toBeGreaterThan(100);
});

test("the cache holds the same pairs the package's generator leaves there", () => {
  const schema = NormalizedSchema.of(sts.GetSessionTokenResponse$ as never);
  delete struct(schema)?.[CACHED_MEMBERS];
  const first = [...replaced.call(schema)];
  expect(struct(schema)?.[CACHED_MEMBERS]).toEqual(first);
  // Reused while the structure has as many members: the very same pairs.
  const again = [...replaced.call(schema)];
  expect(again[0]).toBe(first[0]);
  expect([...generator.call(schema)][0]).toBe(first[0]);
  // A cache of another length is made again.
  struct(schema)![CACHED_MEMBERS] = [];
  expect([...replaced.call(schema)].map(([name]) => name)).toEqual(first.map(([name]) => name));
});

test("an iterator, as the generator was, and the same answer for no structure", () => {
  const schema = NormalizedSchema.of(sts.GetSessionTokenRequest$ as never);
  const iterator = replaced.call(schema) as IterableIterator<[string, NormalizedSchema]>;
  expect(typeof iterator.next).toBe("function");
  expect(iterator.next().value?.[0]).toBe("DurationSeconds");
  for (const other of ["unit", 0, 15, [1, "n", "L", 0, 0]]) {
    const normalized = NormalizedSchema.of(other as never);
    expect([other, walked(normalized, replaced)]).toEqual([other, walked(normalized, generator)]);
  }
});

test("the schema stand-in is the package's index, with the replacement in NormalizedSchema", async () => {
  const standIn = await import("../../src/aws/sdk-schema-stand-in.ts");
  expect(Object.keys(standIn).sort()).toEqual(Object.keys(index).sort());
  for (const [name, value] of Object.entries(standIn)) {
    expect([name, value === index[name]]).toEqual([name, true]);
  }
  // The package's class, its method now the array walk (afterAll puts the generator back).
  const method = ((standIn as Record<string, unknown>).NormalizedSchema as typeof NormalizedSchema)
    .prototype.structIterator;
  expect(method).not.toBe(generator as never);
  expect(Object.getOwnPropertyDescriptor(NormalizedSchema.prototype, "structIterator")).toEqual({
    value: method,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  const schema = NormalizedSchema.of(sts.GetSessionTokenResponse$ as never);
  expect(walked(schema, method as never)).toEqual(walked(schema, generator));
});

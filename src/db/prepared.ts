// Hot reads (a shopper's order, a quote, the desk's inbox) run the same few queries thousands of times
// a minute. Building a query with Kysely's builder and compiling it to SQL costs more than SQLite takes
// to answer a lookup by key, so a prepared query is built and compiled once per dialect, with markers
// where its arguments go; each call only places the arguments into the parameter list. The SQL text is
// then always the same, so the store's statement cache (database.ts) reuses one prepared statement.
import { CompiledQuery as Compiled, type CompiledQuery, type Kysely } from "kysely";
import { type Db, dialectOf, type SqlDialect } from "./database.ts";

/** A query builder that can compile itself, such as `db.selectFrom(...)...`. */
export interface Compilable<O> {
  compile(): CompiledQuery<O>;
}

type Arg = string | number;

type Slot =
  | { readonly kind: "arg"; readonly index: number }
  | { readonly kind: "value"; readonly value: unknown };

interface Template {
  readonly sql: string;
  readonly slots: readonly Slot[];
}

const MARKER = "\u0000aftercare-prepared-arg:";

/**
 * Wraps a query whose arguments are plain values (strings or numbers, never lists): the returned
 * function runs it with new arguments and resolves to its rows. The builder must use every argument
 * as a value, as `where("id", "=", id)` or `limit(n)` do, and must not branch on them.
 */
export function preparedQuery<A extends readonly Arg[], O>(
  build: (db: Db, ...args: A) => Compilable<O>,
): (db: Db, ...args: A) => Promise<O[]> {
  const templates = new Map<SqlDialect, Template>();
  const templateFor = (db: Db, arity: number): Template => {
    const dialect = dialectOf(db as unknown as Kysely<unknown>);
    let template = templates.get(dialect);
    if (!template) {
      const markers = Array.from({ length: arity }, (_, i) => `${MARKER}${i}`) as unknown as A;
      const compiled = build(db, ...markers).compile();
      const used = new Set<number>();
      const slots = compiled.parameters.map((value): Slot => {
        if (typeof value === "string" && value.startsWith(MARKER)) {
          const index = Number(value.slice(MARKER.length));
          used.add(index);
          return { kind: "arg", index };
        }
        return { kind: "value", value };
      });
      if (used.size !== arity)
        throw new Error(`prepared query: ${arity - used.size} of its ${arity} arguments are not parameters`);
      template = { sql: compiled.sql, slots };
      templates.set(dialect, template);
    }
    return template;
  };
  return async (db, ...args) => {
    const template = templateFor(db, args.length);
    const parameters = template.slots.map((slot) => (slot.kind === "arg" ? args[slot.index] : slot.value));
    const result = await db.executeQuery<O>(Compiled.raw(template.sql, parameters));
    return result.rows;
  };
}

import type { WhereExpressionBuilder } from 'typeorm';
import type { Actor } from '../auth/actor';

/** A condition with named parameters, in the form TypeORM query builders take. */
export interface NamedSql {
  sql: string;
  params: Record<string, unknown>;
}

// Names only have to be unique within one query; a process-wide counter makes them unique everywhere.
let nameCounter = 0;

/**
 * A piece of SQL with its parameter values kept beside the text, unnumbered. It is numbered only
 * when it is written into a statement, so callers never count placeholders: `toPositional` continues
 * after the values already collected, `toNamed` gives names of its own for a query builder.
 */
export class SqlFragment {
  private constructor(
    private readonly texts: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  /** Trusted SQL text without parameters (column names, aliases, keywords); never user input. */
  static text(text: string): SqlFragment {
    return new SqlFragment([text], []);
  }

  /** The template's values become parameters; fragments among them are inlined with theirs. */
  static of(strings: TemplateStringsArray | readonly string[], values: readonly unknown[]): SqlFragment {
    const texts = [strings[0]];
    const params: unknown[] = [];
    values.forEach((value, index) => {
      if (value instanceof SqlFragment) {
        texts[texts.length - 1] += value.texts[0];
        for (let inner = 0; inner < value.values.length; inner += 1) {
          params.push(value.values[inner]);
          texts.push(value.texts[inner + 1]);
        }
        texts[texts.length - 1] += strings[index + 1];
      } else {
        params.push(value);
        texts.push(strings[index + 1]);
      }
    });
    return new SqlFragment(texts, params);
  }

  /** The fragments joined by `separator` (e.g. ' AND '). */
  static join(fragments: readonly SqlFragment[], separator: string): SqlFragment {
    if (fragments.length === 0) return SqlFragment.text('');
    const strings = ['', ...fragments.slice(1).map(() => separator), ''];
    return SqlFragment.of(strings, fragments);
  }

  /** The conditions, each parenthesised, all required; TRUE when there are none. */
  static and(...conditions: SqlFragment[]): SqlFragment {
    if (conditions.length === 0) return SqlFragment.text('TRUE');
    return SqlFragment.join(
      conditions.map((condition) => sql`(${condition})`),
      ' AND ',
    );
  }

  /** The text with `$n` placeholders; its values are appended to `params`, numbered after those already there. */
  toPositional(params: unknown[]): string {
    let text = this.texts[0];
    this.values.forEach((value, index) => {
      params.push(value);
      text += `$${params.length}${this.texts[index + 1]}`;
    });
    return text;
  }

  /** The text with `:name` placeholders of its own and their values, for `andWhere(sql, params)`. */
  toNamed(): NamedSql {
    const params: Record<string, unknown> = {};
    let text = this.texts[0];
    this.values.forEach((value, index) => {
      nameCounter = (nameCounter + 1) % Number.MAX_SAFE_INTEGER;
      const name = `scoped_${nameCounter}`;
      params[name] = value;
      text += `:${name}${this.texts[index + 1]}`;
    });
    return { sql: text, params };
  }
}

/** Tagged template: sql`a.id = ${id}` keeps `id` a parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return SqlFragment.of(strings, values);
}

/** Rows of the actor's tenant: `agencyColumn` equals the actor's agency. Every scope starts here. */
export function tenantScope(actor: Actor, agencyColumn: string): SqlFragment {
  return sql`${SqlFragment.text(agencyColumn)} = ${actor.agencyId}`;
}

/**
 * The actor's tenant, narrowed by further conditions (a client scope from ClientAccessPolicy, for
 * instance). The tenant is never optional: there is no way to build a scope without it.
 */
export function actorScope(actor: Actor, agencyColumn: string, ...narrowing: SqlFragment[]): SqlFragment {
  return SqlFragment.and(tenantScope(actor, agencyColumn), ...narrowing);
}

/** Adds the scope to a query builder's WHERE (AND), with parameter names that cannot clash. */
export function whereScoped<Q extends WhereExpressionBuilder>(query: Q, scope: SqlFragment): Q {
  const { sql: text, params } = scope.toNamed();
  query.andWhere(text, params);
  return query;
}

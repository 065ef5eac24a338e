import { SqlParams } from './sql-params';

/** A resolved [from, to) window; null ends are open. */
export interface Period {
  from: Date | null;
  to: Date | null;
}

/** The SQL condition keeping `column` (a timestamptz) inside the period. */
export function periodSql(column: string, period: Period, params: SqlParams): string {
  const conditions: string[] = [];
  if (period.from) conditions.push(`${column} >= ${params.add(period.from, 'timestamptz')}`);
  if (period.to) conditions.push(`${column} < ${params.add(period.to, 'timestamptz')}`);
  return conditions.length > 0 ? conditions.join(' AND ') : 'TRUE';
}

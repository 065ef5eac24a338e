/** TypeORM answers an UPDATE or DELETE on PostgreSQL with [rows, rowCount]: the rows it returned. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : [];
}

/** …and how many rows it changed. */
export function affectedRows(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SqlStatement } from '../sql/sql-statement';

/**
 * Runs insights' read-only statements. Insights is the one read-model context allowed to read the
 * other contexts' tables (applications, follow-ups, steps, vents, actions, reminders, memberships);
 * it never writes to them.
 */
@Injectable()
export class InsightsSql {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async rows<T>(statement: SqlStatement): Promise<T[]> {
    return this.dataSource.query(statement.text, statement.values);
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '@followthrough/server-core';
import { normalizeCompanyName, tidyCompanyName } from '../company/company-name';
import { Company } from '../entities/company.entity';

/** The domain and phones of a company, from one source (the agency's confirmation or one client). */
export interface CompanyDetails {
  domain: string | null;
  mainPhone: string | null;
  salesPhone: string | null;
}

/**
 * What to show and dial for one application: each of the agency's confirmed details, else what
 * this application's client gave. Another client's input never appears here.
 */
export function effectiveDetails(agency: CompanyDetails, client: CompanyDetails): CompanyDetails {
  return {
    domain: agency.domain ?? client.domain,
    mainPhone: agency.mainPhone ?? client.mainPhone,
    salesPhone: agency.salesPhone ?? client.salesPhone,
  };
}

/** The agency's company directory: one row per employer, however clients spell it. */
@Injectable()
export class CompanyService {
  /**
   * The agency's company with this confirmed domain, else with this normalized name, else a new
   * one. Never writes what a client typed onto the shared row: a client's domain and phones belong
   * to their application. Run inside a transaction.
   */
  async findOrCreate(actor: Actor, manager: EntityManager, name: string, domain: string | null): Promise<Company> {
    const normalizedName = normalizeCompanyName(name);
    const company = await this.match(manager, actor.agencyId, normalizedName, domain);
    if (company) return company;
    // A concurrent request may insert the same company: let the unique key decide, then read the winner.
    await manager
      .createQueryBuilder()
      .insert()
      .into(Company)
      .values({ agencyId: actor.agencyId, name: tidyCompanyName(name), normalizedName })
      .orIgnore()
      .execute();
    const inserted = await this.match(manager, actor.agencyId, normalizedName, domain);
    if (!inserted) throw new Error('A company just inserted could not be read back');
    return inserted;
  }

  private match(
    manager: EntityManager,
    agencyId: string,
    normalizedName: string,
    domain: string | null,
  ): Promise<Company | null> {
    // `companies.domain` holds confirmed domains only, so a client's domain can find the company a
    // coach vouched for but can never pull other clients into a company of the client's naming.
    return (
      manager
        .getRepository(Company)
        .createQueryBuilder('company')
        .where('company.agency_id = :agencyId', { agencyId })
        .andWhere(
          domain
            ? '(company.normalized_name = :normalizedName OR company.domain = :domain)'
            : 'company.normalized_name = :normalizedName',
          {
            normalizedName,
            domain,
          },
        )
        // A domain match is the stronger evidence.
        .orderBy(domain ? 'CASE WHEN company.domain = :domain THEN 0 ELSE 1 END' : 'company.created_at', 'ASC')
        .limit(1)
        .getOne()
    );
  }
}

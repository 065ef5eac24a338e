import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '@followthrough/server-core';
import { normalizeCompanyName, tidyCompanyName } from '../company/company-name';
import { Company } from '../entities/company.entity';

export interface CompanySpec {
  name: string;
  /** Already normalized (normalizeWebDomain / companyDomainFromEmail). */
  domain: string | null;
  mainPhone?: string | null;
  salesPhone?: string | null;
}

/** The agency's company directory: one row per employer, however clients spell it. */
@Injectable()
export class CompanyService {
  /**
   * The agency's company with this domain, else with this normalized name, else a new one.
   * Fills in a missing domain or phone; never overwrites what is there. Run inside a transaction.
   */
  async findOrCreate(actor: Actor, manager: EntityManager, spec: CompanySpec): Promise<Company> {
    const normalizedName = normalizeCompanyName(spec.name);
    let company = await this.match(manager, actor.agencyId, normalizedName, spec.domain);
    if (!company) {
      // A concurrent request may insert the same company: let the unique keys decide, then read the winner.
      await manager
        .createQueryBuilder()
        .insert()
        .into(Company)
        .values({
          agencyId: actor.agencyId,
          name: tidyCompanyName(spec.name),
          normalizedName,
          domain: spec.domain,
          mainPhone: spec.mainPhone ?? null,
          salesPhone: spec.salesPhone ?? null,
        })
        .orIgnore()
        .execute();
      company = await this.match(manager, actor.agencyId, normalizedName, spec.domain);
      if (!company) throw new Error('A company just inserted could not be read back');
      return company;
    }
    const patch: Partial<Company> = {};
    if (!company.domain && spec.domain) patch.domain = spec.domain;
    if (!company.mainPhone && spec.mainPhone) patch.mainPhone = spec.mainPhone;
    if (!company.salesPhone && spec.salesPhone) patch.salesPhone = spec.salesPhone;
    if (Object.keys(patch).length > 0) {
      await manager.update(Company, { id: company.id, agencyId: actor.agencyId }, patch);
      company = { ...company, ...patch };
    }
    return company;
  }

  private match(
    manager: EntityManager,
    agencyId: string,
    normalizedName: string,
    domain: string | null,
  ): Promise<Company | null> {
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

/** Where to reach the company: its site, its switchboard, and its Sales line, which always answers. */
export function CompanyCard({ company }: { company: Company }) {
  return (
    <section className="card" aria-labelledby="company-heading">
      <h2 id="company-heading">{company.name}</h2>
      <dl className="facts">
        <dt>Website</dt>
        <dd>
          {company.domain ? (
            <a href={`https://${company.domain}`} target="_blank" rel="noreferrer noopener">
              {company.domain}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Main phone</dt>
        <dd>{company.mainPhone ? <a href={`tel:${company.mainPhone}`}>{company.mainPhone}</a> : '—'}</dd>
        <dt>Sales line</dt>
        <dd>{company.salesPhone ? <a href={`tel:${company.salesPhone}`}>{company.salesPhone}</a> : '—'}</dd>
      </dl>
      {company.unconfirmed && (
        <p className="hint">
          Some of these details are the ones you entered; your coach has not confirmed them for the agency yet.
        </p>
      )}
      {!company.mainPhone && !company.salesPhone && (
        <p className="hint">
          No number yet? Look up the company's site{company.domain ? ` (${company.domain})` : ''}, call the main or
          Sales line, and ask who recruits for this role.
        </p>
      )}
    </section>
  );
}
import { CompanyFieldsFragment as Company } from '../../api/generated/graphql';

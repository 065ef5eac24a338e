import { useMutation } from 'urql';
import {
  CompanyToConfirmFragment as CompanyToConfirm,
  ConfirmCompanyDetailsDocument,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';

/**
 * A client's own domain and numbers for a company, with a button that makes them the agency's.
 * Until then only that client sees them, so nobody can plant a number for everyone.
 */
export function ConfirmCompanyDetails({
  applicationId,
  company,
  clientName,
  onConfirmed,
}: {
  applicationId: string;
  company: CompanyToConfirm;
  clientName: string;
  onConfirmed: () => void;
}) {
  const [confirming, confirm] = useMutation(ConfirmCompanyDetailsDocument);
  if (!company.unconfirmed) return null;
  const { domain, mainPhone, salesPhone } = company.clientDetails;
  const given = [
    domain && `website ${domain}`,
    mainPhone && `main line ${mainPhone}`,
    salesPhone && `Sales line ${salesPhone}`,
  ].filter(Boolean);
  const run = async () => {
    if ((await confirm({ input: { applicationId } })).data) onConfirmed();
  };
  return (
    <div className="small" aria-label={`Unconfirmed details of ${company.name}`}>
      <p className="muted">
        {clientName} gave {given.join(', ')} for {company.name}; only they see it until you confirm it for the agency.
      </p>
      <button type="button" onClick={() => void run()} disabled={confirming.fetching}>
        {confirming.fetching ? 'Confirming…' : `Confirm for the agency`}
      </button>
      <ErrorAlert error={confirming.error} />
    </div>
  );
}

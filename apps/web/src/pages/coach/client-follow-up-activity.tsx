import { ApplicationsWithFollowUpsDocument, ApplicationsWithFollowUpsQuery } from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { STAGE_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/format-date';
import { FollowUpList } from '../shared/follow-up-list';
import { LogFollowUpForm } from '../shared/log-follow-up-form';
import { PlannedStepsSection } from '../shared/planned-steps-section';
import { ConfirmCompanyDetails } from './confirm-company-details';
import { summarizeFollowUp } from './follow-up-summary';

const pickApplications = (data: ApplicationsWithFollowUpsQuery) => data.applications;

/** Every application of one client with each touch on it: what a coach checks before a session. */
export function ClientFollowUpActivity({ clientUserId, clientName }: { clientUserId: string; clientName: string }) {
  const applications = useConnection(
    ApplicationsWithFollowUpsDocument,
    { filter: { clientUserId } },
    pickApplications,
    25,
  );
  const summary = summarizeFollowUp(applications.nodes);

  return (
    <section aria-labelledby="activity-heading" className="stack">
      <h2 id="activity-heading">Follow-up activity</h2>
      <PlannedStepsSection heading="Planned steps" filter={{ clientUserId }} />
      <ErrorAlert error={applications.error} />
      {applications.loading && applications.nodes.length === 0 ? (
        <LoadingState what="follow-up activity" />
      ) : applications.nodes.length === 0 ? (
        <p className="muted">{clientName} has not added any application yet.</p>
      ) : (
        <>
          <dl className="figures" aria-label="Follow-up figures">
            <div>
              <dt>Applications</dt>
              <dd>{summary.applications}</dd>
            </div>
            <div>
              <dt>Touches</dt>
              <dd>{summary.touches}</dd>
            </div>
            <div>
              <dt>Beyond e-mail</dt>
              <dd>{summary.beyondEmailShare === null ? '—' : `${Math.round(summary.beyondEmailShare * 100)}%`}</dd>
            </div>
            <div>
              <dt>Never followed up</dt>
              <dd className={summary.untouched ? 'warning-text' : undefined}>{summary.untouched}</dd>
            </div>
          </dl>
          {applications.nodes.map((application) => (
            <article
              key={application.id}
              className="card"
              aria-label={`${application.title} at ${application.company.name}`}
            >
              <h3>
                {application.title} <span className="muted">at {application.company.name}</span>
              </h3>
              <p className="small">
                <span className={`stage stage-${application.stage.toLowerCase()}`}>
                  {STAGE_LABELS[application.stage]}
                </span>{' '}
                · applied {formatDate(application.appliedAt)}
                {application.noReachableContact && <> · nobody reachable</>}
              </p>
              <ConfirmCompanyDetails
                applicationId={application.id}
                company={application.company}
                clientName={clientName}
                onConfirmed={applications.reload}
              />
              <FollowUpList followUps={application.followUps} label={`Follow-ups on ${application.title}`} />
              <details className="quiet-details">
                <summary>Log a follow-up for {clientName}</summary>
                <LogFollowUpForm
                  applicationId={application.id}
                  contacts={[]}
                  onLogged={applications.reload}
                  heading={`Log a follow-up for ${clientName}`}
                />
              </details>
            </article>
          ))}
          {applications.hasMore && (
            <button type="button" onClick={applications.loadMore} disabled={applications.loading}>
              Show more applications
            </button>
          )}
        </>
      )}
    </section>
  );
}

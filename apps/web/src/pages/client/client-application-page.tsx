import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { ApplicationDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { LoadingState } from '../../components/loading-state';
import { STAGE_LABELS } from '../../format/domain-labels';
import { whyNoStepIsWaiting } from '../../format/cadence-status';
import { formatDate, formatDateTime } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';
import { FollowUpList } from '../shared/follow-up-list';
import { LogFollowUpForm } from '../shared/log-follow-up-form';
import { PlannedStepsSection } from '../shared/planned-steps-section';
import { CompanyCard } from './company-card';
import { ContactsSection } from './contacts-section';
import { EditApplicationSection } from './edit-application-section';
import { NoReachableContactForm } from './no-reachable-contact-form';
import { StageForm } from './stage-form';

/** One application: who to call, the follow-up log, and the form to log the next touch. */
export function ClientApplicationPage() {
  const { applicationId = '' } = useParams();
  return <ApplicationView key={applicationId} applicationId={applicationId} />;
}

function ApplicationView({ applicationId }: { applicationId: string }) {
  const [query, reexecute] = useQuery({ query: ApplicationDocument, variables: { id: applicationId } });
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const application = query.data?.application;
  // A logged touch can complete a planned step: ask for the steps again after each one.
  const [touchesLogged, setTouchesLogged] = useState(0);
  const afterLogging = () => {
    reload();
    setTouchesLogged((count) => count + 1);
  };

  if (!application) {
    return (
      <main className="page">
        <p>
          <AppLink to={paths.myApplications}>← My applications</AppLink>
        </p>
        <PageTitle title="Application" />
        {query.error ? <ErrorAlert error={query.error} /> : <LoadingState what="the application" />}
      </main>
    );
  }

  return (
    <main className="page">
      <PageTitle title={`${application.title} at ${application.company.name}`} />
      <p>
        <AppLink to={paths.myApplications}>← My applications</AppLink>
      </p>
      <h1>
        {application.title} <span className="muted">at {application.company.name}</span>
      </h1>
      <p>
        <span className={`stage stage-${application.stage.toLowerCase()}`}>{STAGE_LABELS[application.stage]}</span> ·
        applied {formatDate(application.appliedAt)}
        {application.source && <> · found on {application.source}</>}
      </p>
      {application.archivedAt && (
        <p className="alert alert-info">
          Archived on {formatDate(application.archivedAt)}: hidden from your list until you restore it.
        </p>
      )}
      {application.noReachableContact && (
        <p className="alert alert-info">
          Marked as having nobody to reach
          {application.noReachableContactReason && `: ${application.noReachableContactReason}`}.
        </p>
      )}
      <div className="columns">
        <div className="stack">
          <PlannedStepsSection
            key={touchesLogged}
            heading="Planned steps"
            filter={{ applicationId: application.id }}
            emptyText={whyNoStepIsWaiting(application, STAGE_LABELS) ?? undefined}
          />
          <LogFollowUpForm applicationId={application.id} contacts={application.contacts} onLogged={afterLogging} />
          <section className="card" aria-labelledby="follow-ups-heading">
            <h2 id="follow-ups-heading">Follow-up log</h2>
            <FollowUpList followUps={application.followUps} label="Follow-ups" onChanged={reload} />
          </section>
        </div>
        <div className="stack">
          <CompanyCard company={application.company} />
          <ContactsSection companyId={application.company.id} contacts={application.contacts} onChanged={reload} />
          <section className="card" aria-labelledby="stage-heading">
            <h2 id="stage-heading">Stage</h2>
            <StageForm
              key={application.stage}
              applicationId={application.id}
              stage={application.stage}
              onChanged={reload}
            />
            <ol className="plain-list small" aria-label="Stage history">
              {application.stageHistory.map((change) => (
                <li key={change.id}>
                  {formatDateTime(change.changedAt)}: {change.fromStage ? `${STAGE_LABELS[change.fromStage]} → ` : ''}
                  {STAGE_LABELS[change.toStage]}
                  {change.note && <> — {change.note}</>}
                  {change.onBehalf && <span className="muted"> (by a coach)</span>}
                </li>
              ))}
            </ol>
            {!application.noReachableContact && (
              <NoReachableContactForm applicationId={application.id} onMarked={reload} />
            )}
          </section>
          <EditApplicationSection
            key={`${application.title}|${application.company.name}`}
            applicationId={application.id}
            title={application.title}
            companyName={application.company.name}
            archivedAt={application.archivedAt ?? null}
            onChanged={reload}
          />
        </div>
      </div>
    </main>
  );
}

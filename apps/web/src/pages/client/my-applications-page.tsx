import { ApplicationsDocument, ApplicationsQuery } from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { awaitsFollowUp } from '../../format/awaits-follow-up';
import { LoadingState } from '../../components/loading-state';
import { useNavigate } from 'react-router';
import { paths } from '../../routing/routes';
import { PlannedStepsSection } from '../shared/planned-steps-section';
import { ApplicationsTable } from './applications-table';
import { CalendarFeedLink } from './calendar-feed-link';
import { MyDataSection } from './my-data-section';
import { NewApplicationForm } from './new-application-form';
import { NextCallCard } from './next-call-card';
import { WaitingTouchesNotice } from '../../offline/waiting-touches-notice';
import { PageTitle } from '../../components/page-title';
import { SwitchField } from '../../components/switch-field';
import { useState } from 'react';

const pickApplications = (data: ApplicationsQuery) => data.applications;

/** The client's pipeline: every application, how long since the last follow-up, and a way to add one. */
export function MyApplicationsPage() {
  const navigate = useNavigate();
  const [showArchived, setShowArchived] = useState(false);
  const applications = useConnection(
    ApplicationsDocument,
    showArchived ? { filter: { includeArchived: true } } : {},
    pickApplications,
  );
  const silent = applications.nodes.filter(
    (application) => !application.archivedAt && !application.lastTouchAt && awaitsFollowUp(application.stage),
  ).length;

  return (
    <main className="page">
      <PageTitle title="My applications" />
      <h1>My applications</h1>
      <p className="muted">
        After you apply, follow up with a person: call the hiring manager, ask about the hiring process, ask for
        feedback. No number? Call the company's Sales line and ask who recruits.
      </p>
      <WaitingTouchesNotice />
      <NextCallCard />
      <PlannedStepsSection
        heading="Next follow-up steps"
        filter={{}}
        applicationLink={(step) => paths.myApplication(step.applicationId)}
        footer={<CalendarFeedLink />}
      />
      <section className="card" aria-labelledby="applications-heading">
        <h2 id="applications-heading">Applications</h2>
        <SwitchField
          label="Show archived applications"
          checked={showArchived}
          onChange={setShowArchived}
          hint="Archived ones are put aside: hidden from this list, never deleted."
        />
        <ErrorAlert error={applications.error} />
        {applications.loading && applications.nodes.length === 0 ? (
          <LoadingState what="your applications" />
        ) : applications.nodes.length === 0 ? (
          <p className="muted">No applications yet. Add the first one below.</p>
        ) : (
          <>
            {silent > 0 && (
              <p className="alert alert-info">
                {silent === 1 ? '1 application has' : `${silent} applications have`} no follow-up yet. Open it and log
                your first call.
              </p>
            )}
            <ApplicationsTable
              applications={applications.nodes}
              label="My applications"
              linkTo={(application) => paths.myApplication(application.id)}
            />
            {applications.hasMore && (
              <button type="button" onClick={applications.loadMore} disabled={applications.loading}>
                Show more
              </button>
            )}
          </>
        )}
      </section>
      <NewApplicationForm onCreated={(id) => navigate(paths.myApplication(id))} />
      <MyDataSection />
    </main>
  );
}

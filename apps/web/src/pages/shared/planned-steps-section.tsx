import { ReactNode } from 'react';
import { DueStepFieldsFragment as DueStep, DueStepsDocument, DueStepsQuery } from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { DueStepsList } from './due-steps-list';

interface PlannedStepsSectionProps {
  heading: string;
  filter: { clientUserId?: string; applicationId?: string };
  applicationLink?(step: DueStep): string;
  /** Shown under the list (the calendar link, say). */
  footer?: ReactNode;
  /** What to say when no step is waiting (why the cadence stopped, say). */
  emptyText?: string;
}

const pickSteps = (data: DueStepsQuery) => data.dueSteps;

/** The pending steps of the follow-up playbook for a client or one application. */
export function PlannedStepsSection({
  heading,
  filter,
  applicationLink,
  footer,
  emptyText = 'No follow-up step is waiting right now.',
}: PlannedStepsSectionProps) {
  const steps = useConnection(DueStepsDocument, { filter }, pickSteps, 10);
  return (
    <section className="card stack" aria-label={heading}>
      <h2>{heading}</h2>
      <ErrorAlert error={steps.error} />
      {steps.loading && steps.nodes.length === 0 ? (
        <LoadingState what="planned steps" />
      ) : steps.nodes.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <DueStepsList steps={steps.nodes} label={heading} applicationLink={applicationLink} />
      )}
      {steps.hasMore && (
        <div>
          <button type="button" onClick={steps.loadMore} disabled={steps.loading}>
            Show later steps
          </button>
        </div>
      )}
      {footer}
    </section>
  );
}

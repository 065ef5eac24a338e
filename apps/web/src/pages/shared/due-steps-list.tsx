import { CHANNEL_LABELS, PURPOSE_LABELS } from '../../format/domain-labels';
import { DueStepFieldsFragment as DueStep } from '../../api/generated/graphql';
import { formatDateTime } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';

interface DueStepsListProps {
  steps: DueStep[];
  label: string;
  /** Where a step's application opens, when the viewer has a page for it. */
  applicationLink?(step: DueStep): string;
  now?: Date;
}

/** Planned follow-up steps, soonest first; overdue ones say so. */
export function DueStepsList({ steps, label, applicationLink, now = new Date() }: DueStepsListProps) {
  return (
    <ol className="plain-list steps" aria-label={label}>
      {steps.map((step) => {
        const overdue = new Date(step.dueAt) < now;
        const application = `${step.applicationTitle} at ${step.companyName}`;
        return (
          <li key={step.id} className={overdue ? 'step step-overdue' : 'step'}>
            <div>
              <strong>
                {CHANNEL_LABELS[step.channel]}: {PURPOSE_LABELS[step.purpose].toLowerCase()}
              </strong>{' '}
              · {applicationLink ? <AppLink to={applicationLink(step)}>{application}</AppLink> : application}
            </div>
            <div className={overdue ? 'small warning-text' : 'small muted'}>
              {overdue ? 'Overdue since' : 'Due'} {formatDateTime(step.dueAt)}
            </div>
            {step.instructions && (
              <details className="quiet-details">
                <summary>How to do it</summary>
                <p className="notes">{step.instructions}</p>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}

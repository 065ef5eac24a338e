import { awaitsFollowUp } from '../../format/awaits-follow-up';
import { ApplicationListItemFragment as ApplicationListItem } from '../../api/generated/graphql';
import { STAGE_LABELS } from '../../format/domain-labels';
import { daysSince, formatDate } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';

interface ApplicationsTableProps {
  applications: ApplicationListItem[];
  linkTo(application: ApplicationListItem): string;
  label: string;
}

function lastTouchText(application: ApplicationListItem): string {
  const days = daysSince(application.lastTouchAt);
  if (days === null) return awaitsFollowUp(application.stage) ? 'No follow-up yet' : '—';
  return days === 0 ? 'Today' : days === 1 ? 'Yesterday' : `${days} days ago`;
}

export function ApplicationsTable({ applications, linkTo, label }: ApplicationsTableProps) {
  return (
    <table aria-label={label} className="cards-on-phone">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Company</th>
          <th scope="col">Stage</th>
          <th scope="col">Applied</th>
          <th scope="col">Last follow-up</th>
        </tr>
      </thead>
      <tbody>
        {applications.map((application) => (
          <tr key={application.id}>
            <th scope="row">
              <AppLink to={linkTo(application)}>{application.title}</AppLink>
            </th>
            <td data-label="Company">{application.company.name}</td>
            <td data-label="Stage">
              <span className={`stage stage-${application.stage.toLowerCase()}`}>
                {STAGE_LABELS[application.stage]}
              </span>
              {application.archivedAt && <span className="badge">Archived</span>}
            </td>
            <td data-label="Applied">{formatDate(application.appliedAt)}</td>
            <td
              data-label="Last follow-up"
              className={!application.lastTouchAt && awaitsFollowUp(application.stage) ? 'warning-text' : undefined}
            >
              {lastTouchText(application)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

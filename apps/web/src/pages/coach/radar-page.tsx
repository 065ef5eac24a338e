import { useMemo, useState } from 'react';
import { Role } from '@followthrough/shared-domain';
import { useQuery } from 'urql';
import {
  FollowUpRadarDocument,
  FollowUpRadarQuery,
  MembersDocument,
  RadarRowFieldsFragment as RadarRow,
} from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { RADAR_PAGE_SIZE } from './radar-first-page';
import { DownloadButton } from '../../components/download-button';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { businessDaysText } from '../../format/figures';
import { formatDateTime } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';
import { clientPathFor } from '../../routing/routes';
import { useSignedInSession } from '../../session/session-context';

const pickRadar = (data: FollowUpRadarQuery) => data.followUpRadar;

function RadarItem({ row, rank, role }: { row: RadarRow; rank: number; role: Role }) {
  const { headline } = row;
  return (
    <li className="card radar-row">
      <div className="radar-title">
        <span className="radar-rank" aria-hidden="true">
          {rank}
        </span>
        <h2 className="radar-name">
          <AppLink to={clientPathFor(role, row.clientUserId)}>{row.clientName}</AppLink>
        </h2>
        <span className="radar-score">score {row.score}</span>
      </div>
      {row.reasons.length === 0 ? (
        <p className="muted">Nothing needs attention.</p>
      ) : (
        <ul className="reasons" aria-label={`Why ${row.clientName} is here`}>
          {row.reasons.map((reason) => (
            <li key={reason.code}>
              {reason.text} <span className="weight">+{reason.weight}</span>
            </li>
          ))}
        </ul>
      )}
      <dl className="figures">
        <div>
          <dt>Since the last touch</dt>
          <dd>{businessDaysText(headline.businessDaysSinceLastTouch)}</dd>
        </div>
        <div>
          <dt>Overdue steps</dt>
          <dd>{headline.overdueSteps}</dd>
        </div>
        <div>
          <dt>Silent applications</dt>
          <dd>{headline.silentApplications}</dd>
        </div>
        <div>
          <dt>Shared vents without action</dt>
          <dd>{headline.unactionedSharedVents}</dd>
        </div>
      </dl>
    </li>
  );
}

/** The Follow-up Radar: clients ranked by how much they need their coach now, with the reasons. */
export function RadarPage() {
  const session = useSignedInSession();
  const role = session.membership.role;
  const isAdmin = role === Role.AGENCY_ADMIN;
  const [coachUserId, setCoachUserId] = useState('');
  const [members] = useQuery({ query: MembersDocument, pause: !isAdmin });
  const coaches = useMemo(
    () => (members.data?.members ?? []).filter((member) => member.role === Role.COACH),
    [members.data],
  );
  const variables = useMemo(() => (coachUserId ? { filter: { coachUserId } } : {}), [coachUserId]);
  const radar = useConnection(FollowUpRadarDocument, variables, pickRadar, RADAR_PAGE_SIZE);
  const csvPath = `/export/radar.csv${coachUserId ? `?coachUserId=${encodeURIComponent(coachUserId)}` : ''}`;

  return (
    <main className="page">
      <PageTitle title="Follow-up Radar" />
      <div className="section-header">
        <h1>Follow-up Radar</h1>
        <DownloadButton path={csvPath} filename="radar.csv" label="Download CSV" />
      </div>
      <p className="muted">
        {isAdmin ? 'Clients of the agency' : 'Your clients'}, the ones who need a coach soonest first.
        {radar.connection && <> Figures computed {formatDateTime(radar.connection.asOf)}.</>}
      </p>
      {isAdmin && (
        <SelectField
          label="Coach"
          value={coachUserId}
          onChange={(event) => setCoachUserId(event.target.value)}
          placeholder="Every coach"
          options={coaches.map((coach) => ({ value: coach.userId, label: coach.name }))}
        />
      )}
      <ErrorAlert error={radar.error ?? members.error} />
      {radar.loading && radar.nodes.length === 0 ? (
        <LoadingState what="the radar" />
      ) : radar.nodes.length === 0 ? (
        <p className="muted">
          {isAdmin ? 'No clients to show.' : 'No clients are assigned to you yet. Your agency admin assigns them.'}
        </p>
      ) : (
        <>
          <ol className="radar plain-list" aria-label="Follow-up Radar">
            {radar.nodes.map((row, index) => (
              <RadarItem key={row.clientUserId} row={row} rank={index + 1} role={role} />
            ))}
          </ol>
          {radar.hasMore && (
            <button type="button" onClick={radar.loadMore} disabled={radar.loading}>
              Show more
            </button>
          )}
        </>
      )}
    </main>
  );
}

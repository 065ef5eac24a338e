import { useQuery } from 'urql';
import { ClientScorecardDocument } from '../../api/generated/graphql';
import { BarChartFigure } from '../../charts/bar-chart-figure';
import { DownloadButton } from '../../components/download-button';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { formatFigure, formatShare } from '../../format/figures';
import { formatDateTime } from '../../format/format-date';
import { channelBars } from './channel-chart-data';

/** One client's scorecard as a coach or admin reads it, with the pipeline as a CSV file. */
export function ClientScorecardSection({ clientUserId, clientName }: { clientUserId: string; clientName: string }) {
  const [query] = useQuery({ query: ClientScorecardDocument, variables: { clientUserId } });
  const card = query.data?.clientScorecard;
  return (
    <section className="card" aria-labelledby="scorecard-heading">
      <div className="section-header">
        <h2 id="scorecard-heading">Scorecard</h2>
        <DownloadButton
          path={`/export/clients/${encodeURIComponent(clientUserId)}/pipeline.csv`}
          filename="pipeline.csv"
          label="Pipeline CSV"
        />
      </div>
      <ErrorAlert error={query.error} />
      {!card ? (
        !query.error && <LoadingState what={`${clientName}'s scorecard`} />
      ) : (
        <>
          <p className="muted small">Computed {formatDateTime(card.asOf)}, all time.</p>
          <dl className="figures" aria-label="Scorecard figures">
            <div>
              <dt>Coverage</dt>
              <dd>
                {formatShare(card.followUpCoverage)}{' '}
                <span className="muted">
                  ({card.coveredApplications} of {card.appliedApplications} followed up)
                </span>
              </dd>
            </div>
            <div>
              <dt>Touches beyond e-mail</dt>
              <dd>
                {formatShare(card.beyondEmailShare)}{' '}
                <span className="muted">
                  ({card.beyondEmailTouches} of {card.outboundTouches})
                </span>
              </dd>
            </div>
            <div>
              <dt>Median business days to the first touch</dt>
              <dd>{formatFigure(card.medianBusinessDaysToFirstTouch)}</dd>
            </div>
            <div>
              <dt>Overdue steps</dt>
              <dd>{card.overdueSteps}</dd>
            </div>
            <div>
              <dt>Shared vents</dt>
              <dd>
                {card.vents.total}{' '}
                <span className="muted">({card.vents.actioned + card.vents.resolved} turned into actions)</span>
              </dd>
            </div>
            <div>
              <dt>Actions</dt>
              <dd>
                {card.actions.open} open, {card.actions.done} done, {card.actions.dropped} dropped
              </dd>
            </div>
            <div>
              <dt>Ignored reminders</dt>
              <dd>
                {card.remindersIgnored} <span className="muted">of {card.remindersSent} sent</span>
              </dd>
            </div>
          </dl>
          <BarChartFigure title="Response rate by channel" data={channelBars(card.responseRateByChannel)} max={1} />
        </>
      )}
    </section>
  );
}

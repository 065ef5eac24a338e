import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { AgencyDashboardDocument, AgencyDashboardQuery } from '../../api/generated/graphql';

type AgencyDashboard = AgencyDashboardQuery['agencyDashboard'];
import { BarChartFigure } from '../../charts/bar-chart-figure';
import { LineChartFigure } from '../../charts/line-chart-figure';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { PageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { CHANNEL_LABELS, STAGE_LABELS } from '../../format/domain-labels';
import { formatFigure, formatShare } from '../../format/figures';
import { formatDateTime } from '../../format/format-date';
import { channelBars } from '../shared/channel-chart-data';
import { PERIOD_CHOICES, periodFor } from './insights-period';

function CoachTable({ dashboard }: { dashboard: AgencyDashboard }) {
  if (dashboard.coaches.length === 0) return <p className="muted">The agency has no coaches yet.</p>;
  return (
    <table aria-label="Coaches" className="cards-on-phone">
      <thead>
        <tr>
          <th scope="col">Coach</th>
          <th scope="col">Clients</th>
          <th scope="col">Compliance</th>
          <th scope="col">Median days to first touch</th>
          <th scope="col">Beyond e-mail</th>
          <th scope="col">Vents turned into actions</th>
        </tr>
      </thead>
      <tbody>
        {dashboard.coaches.map((coach) => (
          <tr key={coach.coachUserId}>
            <th scope="row">{coach.coachName}</th>
            <td data-label="Clients">{coach.clients}</td>
            <td data-label="Compliance">{formatShare(coach.followUpCompliance)}</td>
            <td data-label="Median days to first touch">{formatFigure(coach.medianBusinessDaysToFirstTouch)}</td>
            <td data-label="Beyond e-mail">{formatShare(coach.beyondEmailShare)}</td>
            <td data-label="Vents turned into actions">{formatShare(coach.ventToActionConversion)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The agency dashboard: per-coach figures for a period, response rates, the funnel and a 12-week trend. */
export function InsightsPage() {
  const [weeksBack, setWeeksBack] = useState('12');
  const variables = useMemo(() => ({ period: periodFor(Number(weeksBack)) }), [weeksBack]);
  const [query] = useQuery({ query: AgencyDashboardDocument, variables });
  const dashboard = query.data?.agencyDashboard;
  const periodLabel = PERIOD_CHOICES.find((choice) => choice.value === weeksBack)?.label ?? '';

  return (
    <main className="page">
      <PageTitle title="Insights" />
      <h1>Insights</h1>
      <SelectField
        label="Period"
        value={weeksBack}
        onChange={(event) => setWeeksBack(event.target.value)}
        options={PERIOD_CHOICES}
      />
      <ErrorAlert error={query.error} />
      {!dashboard ? (
        !query.error && <LoadingState what="the figures" />
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {periodLabel}; computed {formatDateTime(dashboard.asOf)}.{query.fetching && ' Updating…'}
          </p>
          <section className="card" aria-labelledby="coaches-heading">
            <h2 id="coaches-heading">Coaches</h2>
            <CoachTable dashboard={dashboard} />
          </section>
          <div className="chart-grid">
            <section className="card" aria-labelledby="channels-heading">
              <h2 id="channels-heading">Answers by channel</h2>
              <BarChartFigure
                title="Response rate by channel"
                data={channelBars(dashboard.responseRateByChannel)}
                max={1}
              />
            </section>
            <section className="card" aria-labelledby="steps-heading">
              <h2 id="steps-heading">Answers by playbook step</h2>
              <BarChartFigure
                title="Response rate by playbook step"
                max={1}
                data={dashboard.responseRateByStep.map((step) => ({
                  label: `${step.stepKey} (${CHANNEL_LABELS[step.channel]})`,
                  value: step.rate ?? 0,
                  display: step.rate === null ? 'none done' : `${formatShare(step.rate)} of ${step.stepsDone}`,
                }))}
              />
            </section>
            <section className="card" aria-labelledby="funnel-heading">
              <h2 id="funnel-heading">Funnel</h2>
              <BarChartFigure
                title="Applications by furthest stage"
                data={dashboard.funnel.map((stage) => ({
                  label: STAGE_LABELS[stage.stage],
                  value: stage.count,
                  display: String(stage.count),
                }))}
              />
            </section>
            <section className="card" aria-labelledby="trend-heading">
              <h2 id="trend-heading">Last 12 weeks</h2>
              <LineChartFigure
                title="Touches per week"
                points={dashboard.weeklyTrend.map((week) => ({
                  x: week.weekStart.slice(5),
                  outbound: week.outboundTouches,
                  beyondEmail: week.beyondEmailTouches,
                  answered: week.answeredTouches,
                }))}
                series={[
                  { key: 'outbound', label: 'Touches', color: '#1f4e79' },
                  { key: 'beyondEmail', label: 'Beyond e-mail', color: '#2f6f4e' },
                  { key: 'answered', label: 'Answered', color: '#8a4b08' },
                ]}
                summary={dashboard.weeklyTrend
                  .map(
                    (week) =>
                      `week of ${week.weekStart}: ${week.outboundTouches} touches, ${week.answeredTouches} answered`,
                  )
                  .join('; ')}
              />
            </section>
          </div>
        </>
      )}
    </main>
  );
}

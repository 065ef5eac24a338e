import { useMemo, useState } from 'react';
import { FollowUpChannel, FollowUpDirection, FollowUpOutcome } from '@followthrough/shared-domain';
import { useQuery } from 'urql';
import {
  ApplicationDocument,
  ApplicationQuery,
  DueStepFieldsFragment as DueStep,
  DueStepsDocument,
  DueStepsQuery,
} from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { StatusMessage } from '../../components/status-message';
import { whyNoStepIsWaiting } from '../../format/cadence-status';
import {
  CHANNEL_LABELS,
  CONTACT_ROLE_LABELS,
  OUTCOME_LABELS,
  PURPOSE_LABELS,
  STAGE_LABELS,
} from '../../format/domain-labels';
import { formatDateTime } from '../../format/format-date';
import { telHref, whomToCall } from '../../format/whom-to-call';
import { LogOutcome, useOutbox } from '../../offline/outbox-context';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';

type ApplicationDetail = ApplicationQuery['application'];

const pickSteps = (data: DueStepsQuery) => data.dueSteps;
const CALL_CHANNELS = new Set<FollowUpChannel>([FollowUpChannel.PHONE, FollowUpChannel.SALES_LINE]);
// The answers a call usually gets, most common first: one tap logs the call with it.
const OUTCOME_BUTTONS: FollowUpOutcome[] = [
  FollowUpOutcome.GOT_STATUS,
  FollowUpOutcome.NO_ANSWER,
  FollowUpOutcome.VOICEMAIL,
  FollowUpOutcome.GATEKEEPER,
  FollowUpOutcome.GOT_CONTACT_NAME,
];

function CallDetails({
  step,
  onLogged,
}: {
  step: DueStep;
  onLogged(step: DueStep, outcome: FollowUpOutcome, result: LogOutcome, application: ApplicationDetail): void;
}) {
  const [query] = useQuery({ query: ApplicationDocument, variables: { id: step.applicationId } });
  const { logTouch } = useOutbox();
  const [busy, setBusy] = useState(false);
  const application = query.data?.application;
  const target = application ? whomToCall(step, application.contacts, application.company, CONTACT_ROLE_LABELS) : null;

  if (!application) return query.error ? <ErrorAlert error={query.error} /> : <LoadingState what="whom to call" />;

  const log = async (outcome: FollowUpOutcome) => {
    setBusy(true);
    const description = `${CHANNEL_LABELS[step.channel]} to ${application.company.name}: ${OUTCOME_LABELS[outcome].toLowerCase()}`;
    const result = await logTouch(
      {
        applicationId: step.applicationId,
        channel: step.channel,
        purpose: step.purpose,
        outcome,
        ...(target?.contactId ? { contactId: target.contactId } : {}),
      },
      description,
    );
    setBusy(false);
    onLogged(step, outcome, result, application);
  };

  return (
    <>
      <p className="next-call-whom">
        Call {target ? target.whom : application.company.name} about{' '}
        <AppLink to={paths.myApplication(step.applicationId)}>
          {step.applicationTitle} at {step.companyName}
        </AppLink>
        .
      </p>
      {target ? (
        <a className="call-button" href={telHref(target.phone)}>
          Call {target.phone}
        </a>
      ) : (
        <p className="alert alert-info">
          No number yet.{' '}
          <AppLink to={paths.myApplication(step.applicationId)}>Add a contact or the company's numbers</AppLink>, or ask
          reception who recruits.
        </p>
      )}
      {step.instructions && (
        <div className="script">
          <h3>What to say</h3>
          <p className="notes">{step.instructions}</p>
        </div>
      )}
      <fieldset className="outcome-buttons" disabled={busy}>
        <legend>After the call, tap what happened</legend>
        {OUTCOME_BUTTONS.map((outcome) => (
          <button key={outcome} type="button" onClick={() => void log(outcome)}>
            {OUTCOME_LABELS[outcome]}
          </button>
        ))}
      </fieldset>
    </>
  );
}

/** The client's next call, first thing on their home page: whom, the number, what to say, and one tap to log it. */
export function NextCallCard() {
  const steps = useConnection(DueStepsDocument, { filter: {} }, pickSteps, 10);
  const [message, setMessage] = useState<{ text: string; error?: unknown } | null>(null);
  const next = useMemo(() => steps.nodes.find((step) => CALL_CHANNELS.has(step.channel)) ?? null, [steps.nodes]);

  const afterLogging = (
    step: DueStep,
    outcome: FollowUpOutcome,
    result: LogOutcome,
    application: ApplicationDetail,
  ) => {
    const what = OUTCOME_LABELS[outcome].toLowerCase();
    if (result.status === 'refused') {
      setMessage({ text: 'The call could not be logged.', error: result.error });
      return;
    }
    if (result.status === 'queued') {
      setMessage({
        text: `No connection: the call (${what}) is saved on this phone and will be sent when you are back online.`,
      });
      return;
    }
    // Say what comes next: after an answer, why nothing more is planned; otherwise the next step shows below.
    const withThisCall = {
      direction: FollowUpDirection.OUTBOUND,
      purpose: step.purpose,
      outcome,
      occurredAt: new Date().toISOString(),
    };
    const stopped = whyNoStepIsWaiting(
      { ...application, followUps: [...application.followUps, withThisCall] },
      STAGE_LABELS,
    );
    setMessage({ text: `Call logged: ${what}.${stopped ? ` ${stopped}` : ''}` });
    steps.reload();
  };

  return (
    <section className="card next-call" aria-labelledby="next-call-heading">
      <h2 id="next-call-heading">Next call</h2>
      {message &&
        (message.error ? <ErrorAlert error={message.error} /> : <StatusMessage>{message.text}</StatusMessage>)}
      <ErrorAlert error={steps.error} />
      {steps.loading && steps.nodes.length === 0 ? (
        <LoadingState what="your next call" />
      ) : !next ? (
        <p className="muted">
          No call is planned right now. When you apply somewhere, the first call is planned two business days later.
        </p>
      ) : (
        <>
          <p className="small muted">
            {PURPOSE_LABELS[next.purpose]} · {new Date(next.dueAt) < new Date() ? 'overdue since' : 'due'}{' '}
            {formatDateTime(next.dueAt)}
          </p>
          <CallDetails key={next.id} step={next} onLogged={afterLogging} />
        </>
      )}
    </section>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import {
  AssignClientDocument,
  MemberFieldsFragment as Member,
  UnassignClientDocument,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { StatusMessage } from '../../components/status-message';

interface CoachAssignmentFormProps {
  coaches: Member[];
  clients: Member[];
}

const optionOf = (member: Member) => ({ value: member.userId, label: `${member.name} (${member.email})` });

/** Puts a client on a coach's caseload, or takes them off it. */
export function CoachAssignmentForm({ coaches, clients }: CoachAssignmentFormProps) {
  const [assigning, assign] = useMutation(AssignClientDocument);
  const [unassigning, unassign] = useMutation(UnassignClientDocument);
  // Only the last action's error is shown.
  const [lastAction, setLastAction] = useState<'assign' | 'unassign' | null>(null);
  const [coachUserId, setCoachUserId] = useState('');
  const [clientUserId, setClientUserId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const nameOf = (userId: string, members: Member[]) =>
    members.find((member) => member.userId === userId)?.name ?? 'them';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setLastAction('assign');
    if ((await assign({ input: { coachUserId, clientUserId } })).data) {
      setDone(`${nameOf(clientUserId, clients)} is now on ${nameOf(coachUserId, coaches)}'s caseload.`);
    }
  };

  const remove = async () => {
    setDone(null);
    setLastAction('unassign');
    const answer = (await unassign({ input: { coachUserId, clientUserId } })).data;
    if (answer) {
      setDone(
        answer.unassignClient
          ? `${nameOf(clientUserId, clients)} is no longer on ${nameOf(coachUserId, coaches)}'s caseload.`
          : `${nameOf(clientUserId, clients)} was not on ${nameOf(coachUserId, coaches)}'s caseload.`,
      );
    }
  };

  const ready = coachUserId !== '' && clientUserId !== '';
  return (
    <section className="card" aria-labelledby="assignment-heading">
      <h2 id="assignment-heading">Coach assignments</h2>
      <p className="muted">A coach sees the follow-up activity of the clients on their caseload.</p>
      <form onSubmit={submit} className="inline-form" aria-label="Coach assignment">
        <SelectField
          label="Coach"
          value={coachUserId}
          onChange={(e) => setCoachUserId(e.target.value)}
          placeholder="Choose a coach…"
          options={coaches.map(optionOf)}
        />
        <SelectField
          label="Client"
          value={clientUserId}
          onChange={(e) => setClientUserId(e.target.value)}
          placeholder="Choose a client…"
          options={clients.map(optionOf)}
        />
        <button type="submit" className="primary" disabled={!ready || assigning.fetching}>
          Assign
        </button>
        <button type="button" disabled={!ready || unassigning.fetching} onClick={remove}>
          Unassign
        </button>
      </form>
      <ErrorAlert
        error={lastAction === 'assign' ? assigning.error : lastAction === 'unassign' ? unassigning.error : null}
      />
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

import { FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { AssignClientsToCoachDocument, MemberFieldsFragment as Member } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { SelectField } from '../../components/select-field';
import { StatusMessage } from '../../components/status-message';

/** Several clients onto one coach's caseload in one go: tick them, pick the coach, assign. */
export function BulkAssignmentForm({ coaches, clients }: { coaches: Member[]; clients: Member[] }) {
  const [assignState, assign] = useMutation(AssignClientsToCoachDocument);
  const [coachUserId, setCoachUserId] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);

  const toggle = (userId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const answer = (await assign({ input: { coachUserId, clientUserIds: [...chosen] } })).data;
    if (answer) {
      const coach = coaches.find((member) => member.userId === coachUserId)?.name ?? 'the coach';
      const count = answer.assignClientsToCoach.length;
      setDone(`${count === 1 ? '1 client is' : `${count} clients are`} now on ${coach}'s caseload.`);
      setChosen(new Set());
    }
  };

  return (
    <section className="card" aria-labelledby="bulk-assignment-heading">
      <h2 id="bulk-assignment-heading">Assign several clients</h2>
      <form onSubmit={submit} className="stack" aria-label="Assign several clients">
        <SelectField
          label="Coach for the chosen clients"
          value={coachUserId}
          onChange={(e) => setCoachUserId(e.target.value)}
          placeholder="Choose a coach…"
          options={coaches.map((coach) => ({ value: coach.userId, label: coach.name }))}
        />
        {clients.length === 0 ? (
          <p className="muted">No clients yet.</p>
        ) : (
          <fieldset className="checkbox-list">
            <legend>Clients</legend>
            {clients.map((client) => (
              <label key={client.userId} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(client.userId)}
                  onChange={(e) => toggle(client.userId, e.target.checked)}
                />{' '}
                {client.name}
              </label>
            ))}
          </fieldset>
        )}
        <ErrorAlert error={assignState.error} fieldLabels={{ clientUserIds: 'Clients', coachUserId: 'Coach' }} />
        <StatusMessage>{done}</StatusMessage>
        <div>
          <button
            type="submit"
            className="primary"
            disabled={!coachUserId || chosen.size === 0 || assignState.fetching}
          >
            {chosen.size === 1 ? 'Assign 1 client' : `Assign ${chosen.size} clients`}
          </button>
        </div>
      </form>
    </section>
  );
}

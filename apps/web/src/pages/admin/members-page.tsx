import { useMemo, useState } from 'react';
import { Role } from '@followthrough/shared-domain';
import { useQuery } from 'urql';
import { MembersDocument } from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { SelectField } from '../../components/select-field';
import { optionsOf, ROLE_LABELS } from '../../format/domain-labels';
import { useSignedInSession } from '../../session/session-context';
import { CoachAssignmentForm } from './coach-assignment-form';
import { InviteMemberForm } from './invite-member-form';
import { MembersTable } from './members-table';
import { BulkAssignmentForm } from './bulk-assignment-form';
import { PendingInvitationsSection } from './pending-invitations-section';
import { PageTitle } from '../../components/page-title';

export function MembersPage() {
  const session = useSignedInSession();
  const [members, reexecuteMembers] = useQuery({ query: MembersDocument });
  const [roleFilter, setRoleFilter] = useState('');
  const all = useMemo(() => members.data?.members ?? [], [members.data]);
  const coaches = useMemo(() => all.filter((member) => member.role === Role.COACH), [all]);
  const clients = useMemo(() => all.filter((member) => member.role === Role.CLIENT), [all]);
  const shown = roleFilter ? all.filter((member) => member.role === roleFilter) : all;

  return (
    <main className="page">
      <PageTitle title="Members" />
      <h1>Members of {session.membership.agency.name}</h1>
      <InviteMemberForm />
      <PendingInvitationsSection />
      <CoachAssignmentForm coaches={coaches} clients={clients} />
      <BulkAssignmentForm coaches={coaches} clients={clients} />
      <section className="card" aria-labelledby="members-heading">
        <div className="section-header">
          <h2 id="members-heading">Members {members.data && <span className="count">({all.length})</span>}</h2>
          <SelectField
            label="Show"
            value={roleFilter}
            onChange={(e) => setRoleFilter(e.target.value)}
            placeholder="Everyone"
            options={optionsOf(ROLE_LABELS)}
          />
          <button
            type="button"
            onClick={() => reexecuteMembers({ requestPolicy: 'network-only' })}
            disabled={members.fetching}
          >
            Refresh
          </button>
        </div>
        <ErrorAlert error={members.error} />
        {members.fetching && !members.data ? (
          <LoadingState what="members" />
        ) : (
          <MembersTable members={shown} everyone={all} />
        )}
      </section>
    </main>
  );
}

import type { MembersQuery } from '../../api/generated/graphql';
import { Role } from '@followthrough/shared-domain';
import { ROLE_LABELS } from '../../format/domain-labels';
import { formatDate } from '../../format/format-date';
import { AppLink } from '../../routing/app-link';
import { paths } from '../../routing/routes';

type Member = MembersQuery['members'][number];

/** Names for a list of member ids (who coaches a client, whom a coach follows). */
function namesOf(ids: readonly string[] | null | undefined, everyone: Member[]): string {
  const names = (ids ?? []).map((id) => everyone.find((member) => member.userId === id)?.name ?? 'a former member');
  return names.length > 0 ? names.join(', ') : '—';
}

export function MembersTable({ members, everyone }: { members: Member[]; everyone: Member[] }) {
  if (members.length === 0) return <p className="muted">Nobody has joined yet.</p>;
  return (
    <table aria-label="Members" className="cards-on-phone">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">E-mail</th>
          <th scope="col">Role</th>
          <th scope="col">Coaches / clients</th>
          <th scope="col">Joined</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.userId}>
            <th scope="row">
              {member.role === Role.CLIENT ? (
                <AppLink to={paths.adminClient(member.userId)}>{member.name}</AppLink>
              ) : (
                member.name
              )}
            </th>
            <td data-label="E-mail">{member.email}</td>
            <td data-label="Role">{ROLE_LABELS[member.role]}</td>
            <td data-label={member.role === Role.COACH ? 'Clients' : 'Coaches'}>
              {member.role === Role.COACH
                ? namesOf(member.clientUserIds, everyone)
                : member.role === Role.CLIENT
                  ? namesOf(member.coachUserIds, everyone)
                  : '—'}
            </td>
            <td data-label="Joined">{formatDate(member.joinedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

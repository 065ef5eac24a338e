import { ReactNode } from 'react';
import { Role } from '@followthrough/shared-domain';
import { useSignedInSession } from '../../session/session-context';
import { VentFieldsFragment as Vent } from '../../api/generated/graphql';
import { ACTION_STATUS_LABELS, MOOD_LABELS, VENT_STATE_LABELS } from '../../format/domain-labels';
import { formatDateTime } from '../../format/format-date';

/** One vent as written, with what became of it; `children` holds what the viewer may do with it. */
export function VentCard({ vent, children }: { vent: Vent; children?: ReactNode }) {
  const isClient = useSignedInSession().membership.role === Role.CLIENT;
  return (
    <article className="card vent" aria-label={`Vent of ${formatDateTime(vent.createdAt)}`}>
      <p className="small muted">
        {formatDateTime(vent.createdAt)} · feeling {(MOOD_LABELS[vent.mood] ?? String(vent.mood)).toLowerCase()} (
        {vent.mood}/5) · <span className="badge">{VENT_STATE_LABELS[vent.state]}</span>{' '}
        {vent.sharedWithCoach ? (
          <span className="badge">{isClient ? 'Shared with your coach' : 'Shared with you'}</span>
        ) : (
          <span className="badge badge-private">Private: only you can read it</span>
        )}
        {vent.application && (
          <>
            {' '}
            · about {vent.application.title} at {vent.application.companyName}
          </>
        )}
      </p>
      <p className="vent-text">{vent.text}</p>
      {vent.tags.length > 0 && <p className="small muted">Themes: {vent.tags.join(', ')}</p>}
      {vent.actions.length > 0 && (
        <ul className="plain-list small" aria-label="Actions from this vent">
          {vent.actions.map((action) => (
            <li key={action.id}>
              {action.title} <span className="muted">({ACTION_STATUS_LABELS[action.status]})</span>
            </li>
          ))}
        </ul>
      )}
      {children}
    </article>
  );
}

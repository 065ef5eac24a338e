import { ActionStatus } from '@followthrough/shared-domain';
import { ActionsDocument, ActionsQuery, VentsDocument, VentsQuery } from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { ActionsList } from '../shared/actions-list';
import { VentActionPlanner } from '../shared/vent-action-planner';
import { VentCard } from '../shared/vent-card';

const pickVents = (data: VentsQuery) => data.vents;
const pickActions = (data: ActionsQuery) => data.actions;

/** The vents a client chose to share (the API returns no others to a coach), turned into actions here. */
export function SharedVentsSection({ clientUserId, clientName }: { clientUserId: string; clientName: string }) {
  const vents = useConnection(VentsDocument, { filter: { clientUserId } }, pickVents, 20);
  const actions = useConnection(
    ActionsDocument,
    { filter: { clientUserId, status: ActionStatus.OPEN } },
    pickActions,
    50,
  );
  const refreshAll = () => {
    vents.reload();
    actions.reload();
  };

  return (
    <div className="stack">
      <section aria-labelledby="vents-heading" className="stack">
        <h2 id="vents-heading">Shared vents</h2>
        <ErrorAlert error={vents.error} />
        {vents.loading && vents.nodes.length === 0 ? (
          <LoadingState what="shared vents" />
        ) : vents.nodes.length === 0 ? (
          <p className="muted">{clientName} has not shared anything with you.</p>
        ) : (
          vents.nodes.map((vent) => (
            <VentCard key={vent.id} vent={vent}>
              <VentActionPlanner ventId={vent.id} onConverted={refreshAll} />
            </VentCard>
          ))
        )}
        {vents.hasMore && (
          <button type="button" onClick={vents.loadMore} disabled={vents.loading}>
            Show older vents
          </button>
        )}
      </section>
      <section className="card stack" aria-labelledby="client-actions-heading">
        <h2 id="client-actions-heading">Open actions</h2>
        <ErrorAlert error={actions.error} />
        {actions.loading && actions.nodes.length === 0 ? (
          <LoadingState what="actions" />
        ) : (
          <ActionsList actions={actions.nodes} label={`Open actions of ${clientName}`} onChanged={refreshAll} />
        )}
      </section>
    </div>
  );
}

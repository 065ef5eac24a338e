import { ActionStatus } from '@followthrough/shared-domain';
import {
  ActionsDocument,
  ActionsQuery,
  ApplicationsDocument,
  ApplicationsQuery,
  VentsDocument,
  VentsQuery,
} from '../../api/generated/graphql';
import { useConnection } from '../../api/use-connection';
import { ErrorAlert } from '../../components/error-alert';
import { LoadingState } from '../../components/loading-state';
import { ActionsList } from '../shared/actions-list';
import { VentActionPlanner } from '../shared/vent-action-planner';
import { VentCard } from '../shared/vent-card';
import { VentBoxForm } from './vent-box-form';
import { VentSharingSwitch } from './vent-sharing-switch';
import { PageTitle } from '../../components/page-title';

const pickApplications = (data: ApplicationsQuery) => data.applications;
const pickVents = (data: VentsQuery) => data.vents;
const pickActions = (data: ActionsQuery) => data.actions;

/** The client's vents, the actions that came out of them (and from their coach), and the box to write a new one. */
export function MyVentsPage() {
  const applications = useConnection(ApplicationsDocument, {}, pickApplications, 100);
  const vents = useConnection(VentsDocument, {}, pickVents, 20);
  const actions = useConnection(ActionsDocument, {}, pickActions, 50);
  const refreshAll = () => {
    vents.reload();
    actions.reload();
  };
  const open = actions.nodes.filter((action) => action.status === ActionStatus.OPEN);
  const settled = actions.nodes.filter((action) => action.status !== ActionStatus.OPEN);

  return (
    <main className="page">
      <PageTitle title="Vent & actions" />
      <h1>Vent &amp; actions</h1>
      <div className="columns">
        <div className="stack">
          <VentBoxForm applications={applications.nodes} onSaved={vents.reload} />
          <section aria-labelledby="vents-heading" className="stack">
            <h2 id="vents-heading">My vents</h2>
            <ErrorAlert error={vents.error} />
            {vents.loading && vents.nodes.length === 0 ? (
              <LoadingState what="your vents" />
            ) : vents.nodes.length === 0 ? (
              <p className="muted">Nothing written yet.</p>
            ) : (
              vents.nodes.map((vent) => (
                <VentCard key={vent.id} vent={vent}>
                  <VentSharingSwitch vent={vent} onChanged={vents.reload} />
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
        </div>
        <section className="card stack" aria-labelledby="actions-heading">
          <h2 id="actions-heading">My actions</h2>
          <ErrorAlert error={actions.error} />
          {actions.loading && actions.nodes.length === 0 ? (
            <LoadingState what="your actions" />
          ) : (
            <>
              <ActionsList actions={open} label="Open actions" onChanged={refreshAll} />
              {settled.length > 0 && (
                <details className="quiet-details">
                  <summary>Done and dropped ({settled.length})</summary>
                  <ActionsList actions={settled} label="Settled actions" onChanged={refreshAll} />
                </details>
              )}
            </>
          )}
          {actions.hasMore && (
            <button type="button" onClick={actions.loadMore} disabled={actions.loading}>
              Show more actions
            </button>
          )}
        </section>
      </div>
    </main>
  );
}

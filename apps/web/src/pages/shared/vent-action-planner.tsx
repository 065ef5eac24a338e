import { FormEvent, useState } from 'react';
import { useClient, useMutation } from 'urql';
import {
  ConvertVentToActionsDocument,
  SuggestedActionsDocument,
  SuggestedActionsQuery,
} from '../../api/generated/graphql';
import { ErrorAlert } from '../../components/error-alert';
import { useFieldError } from '../../components/use-field-error';

type ActionDraft = SuggestedActionsQuery['suggestedActions'][number];

interface PlannedAction extends ActionDraft {
  key: number;
  included: boolean;
}

const MAX_ACTIONS = 10;

/** Turns a vent into concrete steps: the API suggests drafts from its themes; people edit, pick and confirm them. */
export function VentActionPlanner({ ventId, onConverted }: { ventId: string; onConverted(): void }) {
  const client = useClient();
  const [convertState, convert] = useMutation(ConvertVentToActionsDocument);
  const { formRef, invalid } = useFieldError(convertState.error);
  const [plan, setPlan] = useState<PlannedAction[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const suggest = async () => {
    setLoading(true);
    setLoadError(null);
    const result = await client
      .query(SuggestedActionsDocument, { ventId }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) {
      setPlan(result.data.suggestedActions.map((draft, index) => ({ ...draft, key: index, included: true })));
    } else {
      setLoadError(result.error);
    }
    setLoading(false);
  };

  const update = (key: number, change: Partial<PlannedAction>) =>
    setPlan((current) => current?.map((action) => (action.key === key ? { ...action, ...change } : action)) ?? null);

  const addOwn = () =>
    setPlan((current) => [
      ...(current ?? []),
      {
        key: Date.now(),
        title: '',
        dueOn: '',
        applicationId: null,
        theme: null,
        reason: 'Your own step.',
        included: true,
      },
    ]);

  const chosen = plan?.filter((action) => action.included && action.title.trim()) ?? [];
  // The API names a failing step by its place among those sent ("actions.0.dueOn"): name the fields alike,
  // and label them as the page numbers them.
  const sentAs = (action: PlannedAction) => chosen.indexOf(action);
  const fieldLabels: Record<string, string> = {};
  plan?.forEach((action, index) => {
    const sent = sentAs(action);
    if (sent < 0) return;
    fieldLabels[`actions.${sent}.title`] = `Action ${index + 1}`;
    fieldLabels[`actions.${sent}.dueOn`] = `The due date of action ${index + 1}`;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const actions = chosen.map((action) => ({
      title: action.title.trim(),
      ...(action.dueOn ? { dueOn: action.dueOn } : {}),
      ...(action.applicationId ? { applicationId: action.applicationId } : {}),
    }));
    if ((await convert({ input: { ventId, actions } })).data) {
      setPlan(null);
      onConverted();
    }
  };

  if (!plan) {
    return (
      <div className="stack">
        <div>
          <button type="button" onClick={suggest} disabled={loading}>
            {loading ? 'Thinking…' : 'Suggest actions'}
          </button>
        </div>
        <ErrorAlert error={loadError} />
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} className="stack planner" aria-label="Plan actions">
      {plan.length === 0 && <p className="muted">No suggestion for this one. Add your own step below.</p>}
      <ol className="plain-list">
        {plan.map((action, index) => (
          <li key={action.key} className="planned-action">
            <div className="field">
              <label htmlFor={`action-${ventId}-${action.key}`}>Action {index + 1}</label>
              <textarea
                id={`action-${ventId}-${action.key}`}
                name={sentAs(action) >= 0 ? `actions.${sentAs(action)}.title` : undefined}
                aria-invalid={invalid(`actions.${sentAs(action)}.title`)}
                rows={3}
                value={action.title}
                maxLength={300}
                onChange={(e) => update(action.key, { title: e.target.value })}
              />
              <small className="hint">{action.reason}</small>
            </div>
            <div className="inline-form">
              <label className="switch">
                <input
                  type="checkbox"
                  aria-label={`Include action ${index + 1}`}
                  checked={action.included}
                  onChange={(e) => update(action.key, { included: e.target.checked })}
                />
                Include
              </label>
              <div className="field">
                <label htmlFor={`due-${ventId}-${action.key}`}>Due on</label>
                <input
                  id={`due-${ventId}-${action.key}`}
                  name={sentAs(action) >= 0 ? `actions.${sentAs(action)}.dueOn` : undefined}
                  aria-invalid={invalid(`actions.${sentAs(action)}.dueOn`)}
                  type="date"
                  value={action.dueOn}
                  onChange={(e) => update(action.key, { dueOn: e.target.value })}
                />
              </div>
            </div>
          </li>
        ))}
      </ol>
      <div className="inline-form">
        <button type="button" onClick={addOwn} disabled={plan.length >= MAX_ACTIONS}>
          Add your own step
        </button>
        <button type="submit" className="primary" disabled={chosen.length === 0 || convertState.fetching}>
          {chosen.length === 1 ? 'Create 1 action' : `Create ${chosen.length} actions`}
        </button>
        <button type="button" onClick={() => setPlan(null)}>
          Cancel
        </button>
      </div>
      <ErrorAlert error={convertState.error} fieldLabels={fieldLabels} />
    </form>
  );
}

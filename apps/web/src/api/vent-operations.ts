import { ActionSource, ActionStatus, VentState } from '@followthrough/shared-domain';

/** The longest vent the API accepts. */
export const MAX_VENT_LENGTH = 5000;

export interface ActionItem {
  id: string;
  clientUserId: string;
  title: string;
  /** A calendar day, YYYY-MM-DD. */
  dueOn: string | null;
  status: ActionStatus;
  source: ActionSource;
  ventId: string | null;
  onBehalf: boolean;
  settledAt: string | null;
  createdAt: string;
  application: { id: string; title: string; companyName: string } | null;
}

export interface Vent {
  id: string;
  clientUserId: string;
  text: string;
  mood: number;
  tags: string[];
  sharedWithCoach: boolean;
  state: VentState;
  createdAt: string;
  application: { id: string; title: string; companyName: string } | null;
  actions: Array<{ id: string; title: string; status: ActionStatus; dueOn: string | null }>;
}

export interface ActionDraft {
  title: string;
  dueOn: string;
  applicationId: string | null;
  theme: string | null;
  reason: string;
}

const APPLICATION_REF = 'application { id title companyName }';
const VENT_FIELDS = `id clientUserId text mood tags sharedWithCoach state createdAt ${APPLICATION_REF} actions { id title status dueOn }`;
const ACTION_FIELDS = `id clientUserId title dueOn status source ventId onBehalf settledAt createdAt ${APPLICATION_REF}`;

export const VENTS = `query Vents($filter: VentFilter, $first: Int, $after: String) {
  vents(filter: $filter, first: $first, after: $after) { edges { cursor node { ${VENT_FIELDS} } } pageInfo { endCursor hasNextPage } }
}`;
export const CREATE_VENT = `mutation CreateVent($input: CreateVentInput!) { createVent(input: $input) { id } }`;
export const SET_VENT_SHARING = `mutation SetVentSharing($input: SetVentSharingInput!) { setVentSharing(input: $input) { id sharedWithCoach } }`;
export const SUGGESTED_ACTIONS = `query SuggestedActions($ventId: ID!) { suggestedActions(ventId: $ventId) { title dueOn applicationId theme reason } }`;
export const CONVERT_VENT_TO_ACTIONS = `mutation ConvertVentToActions($input: ConvertVentToActionsInput!) { convertVentToActions(input: $input) { id state } }`;

export const ACTIONS = `query Actions($filter: ActionFilter, $first: Int, $after: String) {
  actions(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ACTION_FIELDS} } } pageInfo { endCursor hasNextPage } }
}`;
export const CREATE_ACTION = `mutation CreateAction($input: CreateActionInput!) { createAction(input: $input) { id } }`;
export const COMPLETE_ACTION = `mutation CompleteAction($id: ID!) { completeAction(id: $id) { id status } }`;
export const DROP_ACTION = `mutation DropAction($id: ID!) { dropAction(id: $id) { id status } }`;

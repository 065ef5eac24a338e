import { Action } from './action.entity';
import { Vent } from './vent.entity';

export { Action, Vent };

export const VENTS_ENTITIES = [Vent, Action];

/** The longest vent a client may write. */
export const MAX_VENT_LENGTH = 5000;

/** The longest action title (suggested drafts are clipped to it). */
export const MAX_ACTION_TITLE = 300;

/** How many actions one conversion of a vent may create. */
export const MAX_ACTIONS_PER_CONVERSION = 10;

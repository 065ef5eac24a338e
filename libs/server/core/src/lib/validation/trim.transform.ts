import { Transform } from 'class-transformer';

/** Trims surrounding white space so that "  " counts as empty. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

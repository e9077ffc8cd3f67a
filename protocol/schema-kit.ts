import { Type, type TArrayOptions, type TSchema } from 'typebox';

/** An array whose Static type is `readonly T[]`, so producers may hand over their readonly lists. */
export const List = <T extends TSchema>(item: T, options?: TArrayOptions) => Type.Immutable(Type.Array(item, options));

/** `T | null`: a value not known (yet), or not applicable. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A string-keyed record of numbers (defects by type, metrics by name). */
export const NumberRecord = () => Type.Record(Type.String(), Type.Number());

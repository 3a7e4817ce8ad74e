/**
 * Appends every item to `target` one by one: `target.push(...items)` passes
 * each item as an argument, and a few hundred thousand of them (the trace
 * events of a big package's execute phase) overflow the call stack.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

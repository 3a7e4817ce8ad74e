/**
 * Runs `fn` over the items with at most `limit` calls in flight. Unlike
 * resolve's mapConcurrent it does not stop at a failure: `fn` reports its
 * own outcomes. It stops starting new calls once `signal` is aborted, and
 * rethrows the first error `fn` let escape after the calls in flight settle.
 */
export async function runPool<T>(items: readonly T[], limit: number, signal: AbortSignal, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let escaped: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && escaped === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (error) {
        escaped ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (escaped !== undefined) throw escaped.error;
}

/**
 * The real SDK returns `CancellablePromise`s (from @twilio/mcs-client) for media and send calls: a Promise with a
 * `cancel()`. Callers only await them (Flex never cancels), so this is a plain Promise with a `cancel()` that rejects
 * it if it has not settled yet.
 */
export type Cancellable<T> = Promise<T> & { cancel(): void };

export function cancellable<T>(work: Promise<T>): Cancellable<T> {
  let cancel: () => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    cancel = () => reject(new Error('Promise was cancelled'));
    work.then(resolve, reject);
  });
  return Object.assign(promise, { cancel });
}

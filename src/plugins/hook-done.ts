/**
 * Ends a callback-style hook that only sometimes has to wait: at once when `pending`
 * is undefined (no promise, no microtask: the common case), else once it settles, its
 * rejection becoming the hook's error just as an async hook's would.
 */
export function doneWhenSettled (pending: Promise<unknown> | undefined, done: (err?: Error) => void): void {
  if (pending === undefined) done()
  else pending.then(() => { done() }, done)
}

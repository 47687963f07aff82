/** A data file the server cannot trust; start-up stops and the file is left untouched. */
export class StoreError extends Error {
  override name = 'StoreError'
}

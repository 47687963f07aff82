type Operations = Record<string, Record<string, Record<string, unknown>>>

/**
 * An operation whose route needs no token (the token endpoint) declares no security;
 * say so with `security: []`, so no reader takes it for an oversight.
 */
export function explicitPublicOperations<D extends { paths?: unknown }> (document: D): D {
  const paths = Object.fromEntries(Object.entries((document.paths ?? {}) as Operations).map(([path, item]) =>
    [path, Object.fromEntries(Object.entries(item).map(([method, operation]) => [method, operation.security === undefined ? { ...operation, security: [] } : operation]))]))
  return { ...document, paths }
}

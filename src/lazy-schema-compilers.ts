import ajvCompiler from '@fastify/ajv-compiler'
import serializerCompiler from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
type Validate = ((data: unknown) => unknown) & { errors?: unknown }

/**
 * Fastify's own compilers (Ajv for requests, fast-json-stringify for responses), each
 * route schema compiled on its first use instead of all of them at start-up: compiling
 * every schema of every route took about a third of the start (docs/store.md,
 * "Start-up"), and most servers answer a few of the operations.
 */
export function lazySchemaCompilers (): Factories {
  const buildValidator = ajvCompiler()
  const buildSerializer = serializerCompiler()
  return {
    buildValidator: (externalSchemas, options) => {
      const compile = buildValidator(externalSchemas, options as Parameters<typeof buildValidator>[1])
      return (route) => {
        let compiled: Validate | undefined
        const validate: Validate = (data) => {
          compiled ??= compile(route) as Validate
          const result = compiled(data)
          // Fastify reads the errors off the function it was given.
          validate.errors = compiled.errors
          return result
        }
        return validate
      }
    },
    buildSerializer: (externalSchemas, options) => {
      const compile = buildSerializer(externalSchemas, options as Parameters<typeof buildSerializer>[1])
      return (route) => {
        let compiled: ((data: unknown) => string) | undefined
        return (data: unknown) => {
          compiled ??= compile(route)
          return compiled(data)
        }
      }
    }
  } as Factories
}

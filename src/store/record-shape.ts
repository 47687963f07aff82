import type { TSchema } from 'typebox'
import type { SchemaNode } from '../schemas/schema-node.js'


/** `valid` answers fast and allocates nothing; `explain` is run only on a record that failed, to name the problem. */
interface Check {
  valid: (value: unknown) => boolean
  explain: (value: unknown, path: string) => string | undefined
}

const where = (path: string): string => (path === '' ? '/' : path)

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v)
}

function compile (node: SchemaNode): Check {
  if (node.anyOf !== undefined) {
    const branches = node.anyOf.map(compile)
    const valid = (v: unknown): boolean => {
      for (const branch of branches) if (branch.valid(v)) return true
      return false
    }
    return { valid, explain: (v, p) => (valid(v) ? undefined : `${where(p)} must match a schema in anyOf`) }
  }
  if (node.enum !== undefined) {
    const allowed = new Set(node.enum)
    return { valid: (v) => allowed.has(v), explain: (v, p) => (allowed.has(v) ? undefined : `${where(p)} must be equal to one of the allowed values`) }
  }
  // TypeBox writes one type per node (a nullable value is an anyOf).
  if (typeof node.type !== 'string') return { valid: () => true, explain: () => undefined }
  const type = node.type
  const isType = TYPE_TESTS[type] ?? (() => true)
  const typeProblem = (p: string): string => `${where(p)} must be ${type}`
  if (node.type === 'object') {
    const required = node.required ?? []
    const names = Object.keys(node.properties ?? {})
    const checks = names.map((name) => compile((node.properties ?? {})[name] as SchemaNode))
    return {
      valid: (v) => {
        if (!isType(v)) return false
        const object = v as Record<string, unknown>
        for (let i = 0; i < required.length; i++) if (object[required[i] as string] === undefined) return false
        for (let i = 0; i < names.length; i++) {
          const value = object[names[i] as string]
          if (value !== undefined && !(checks[i] as Check).valid(value)) return false
        }
        return true
      },
      explain: (v, p) => {
        if (!isType(v)) return typeProblem(p)
        const object = v as Record<string, unknown>
        for (const name of required) if (object[name] === undefined) return `${where(p)} must have required property '${name}'`
        for (let i = 0; i < names.length; i++) {
          const value = object[names[i] as string]
          const problem = value === undefined ? undefined : (checks[i] as Check).explain(value, `${p}/${names[i] as string}`)
          if (problem !== undefined) return problem
        }
        return undefined
      }
    }
  }
  if (node.type === 'array') {
    const item = node.items === undefined ? undefined : compile(node.items)
    return {
      valid: (v) => {
        if (!isType(v)) return false
        if (item === undefined) return true
        const array = v as unknown[]
        for (let i = 0; i < array.length; i++) if (!item.valid(array[i])) return false
        return true
      },
      explain: (v, p) => {
        if (!isType(v)) return typeProblem(p)
        const array = v as unknown[]
        for (let i = 0; i < array.length && item !== undefined; i++) {
          const problem = item.explain(array[i], `${p}/${i}`)
          if (problem !== undefined) return problem
        }
        return undefined
      }
    }
  }
  const { minLength, const: constant } = node
  const explain = (v: unknown, p: string): string | undefined => {
    if (!isType(v)) return typeProblem(p)
    if (minLength !== undefined && (v as string).length < minLength) return `${where(p)} must NOT have fewer than ${minLength} characters`
    if (constant !== undefined && v !== constant) return `${where(p)} must be equal to constant`
    return undefined
  }
  if (minLength === undefined && constant === undefined) return { valid: isType, explain }
  return { valid: (v) => explain(v, '') === undefined, explain }
}

/**
 * A record's shape checked against its TypeBox schema, for every record of a segment
 * as it loads: each required property present, every value of its JSON type (objects
 * and arrays all the way down), unions, enums and constants. Formats, patterns and
 * ranges are not: the store wrote those values itself, and what a hand edit can break
 * that the code would trip over is a missing or mistyped value. Built once per schema
 * from closures, without Ajv's code generation, which cost a third of a second on every
 * start (docs/store.md, "Start-up"); ~1 µs a job. Answers the first problem in Ajv's
 * words (`/ must have required property 'JobName'`), or undefined.
 */
export function recordShape (schema: TSchema): (value: unknown) => string | undefined {
  const check = compile(schema as SchemaNode)
  return (value) => (check.valid(value) ? undefined : check.explain(value, ''))
}

import { parseArgs, type ParseArgsConfig } from 'node:util'
import { ConfigSchema, type Config } from './config.js'
import { isValidTimeZone } from './domain/jobs/schedule-times.js'
import { parseSmtpUrl, redactSmtpUrl } from './domain/runs/smtp-url.js'
import { firstSchemaError } from './schema-check.js'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type ConfigKey = keyof Config & string

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
const envName = (key: string): string => `CCS_MOCK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`

const settings = Object.entries(ConfigSchema.properties).map(([key, schema]) => ({
  key: key as ConfigKey,
  flag: kebab(key),
  env: envName(key),
  isBoolean: (schema as { type?: string }).type === 'boolean',
  isInteger: (schema as { type?: string }).type === 'integer',
  isSecret: (schema as { writeOnly?: boolean }).writeOnly === true,
  schema: schema as { description?: string, default?: unknown, enum?: string[] }
}))

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on'])
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', ''])

function booleanFromEnv (name: string, raw: string): boolean {
  const word = raw.trim().toLowerCase()
  if (TRUE_WORDS.has(word)) return true
  if (FALSE_WORDS.has(word)) return false
  throw new ConfigError(`${name} must be true or false, got '${raw}'`)
}

export function helpText (): string {
  const lines = settings.map(({ flag, env, isBoolean, schema }) => {
    const left = isBoolean ? `--${flag}` : `--${flag} <value>`
    const choices = schema.enum !== undefined ? ` (${schema.enum.join('|')})` : ''
    const fallback = schema.default !== undefined && schema.default !== '' && !isBoolean ? ` [default: ${String(schema.default)}]` : ''
    return `  ${left.padEnd(30)} ${env.padEnd(28)} ${schema.description ?? ''}${choices}${fallback}`
  })
  return [
    'Usage: ccs-mock [options]',
    '',
    'A simulator of the Symantec/Broadcom Control Compliance Suite REST API.',
    'Every option can also be set by the environment variable beside it; a flag wins.',
    '',
    ...lines,
    `  ${'--help'.padEnd(30)} ${''.padEnd(28)} print this help and exit`
  ].join('\n')
}

export type CliResult = { help: true } | { help: false, config: Config }

/** Flags + environment -> a validated Config. Throws ConfigError with a one-line message. */
export function parseCli (argv: string[], env: NodeJS.ProcessEnv): CliResult {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean' } }
  for (const s of settings) options[s.flag] = { type: s.isBoolean ? 'boolean' : 'string' }

  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false })
  } catch (err) {
    throw new ConfigError((err as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  if (parsed.values.help === true) return { help: true }

  const raw: Record<string, unknown> = {}
  for (const s of settings) {
    const fromFlag = parsed.values[s.flag]
    const fromEnv = env[s.env]
    if (fromFlag !== undefined) raw[s.key] = fromFlag
    else if (fromEnv !== undefined) raw[s.key] = s.isBoolean ? booleanFromEnv(s.env, fromEnv) : fromEnv
  }
  return { help: false, config: validateConfig(raw) }
}

// Value.Convert alone would turn '1.5' into 1, 'true' into 1 and '' into 0.
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/
const isIntegerInput = (value: unknown): boolean =>
  typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && INTEGER_TEXT.test(value)

const shown = (setting: { isSecret: boolean }, value: unknown): string => setting.isSecret ? ' got a value that is not shown' : ` got '${String(value)}'`

/** Applies defaults and converts strings, then fails fast on the first bad setting. */
export function validateConfig (raw: Record<string, unknown>): Config {
  for (const s of settings) {
    const value = raw[s.key]
    if (s.isInteger && value !== undefined && !isIntegerInput(value)) {
      throw new ConfigError(`--${s.flag} (${s.env}) must be integer,${shown(s, value)}`)
    }
  }
  const candidate = structuredClone(raw)
  const first = firstSchemaError(ConfigSchema, candidate, true)
  if (first !== undefined) {
    const key = first.instancePath.replace(/^\//, '')
    const setting = settings.find((s) => s.key === key)
    const name = setting !== undefined ? `--${setting.flag} (${setting.env})` : 'configuration'
    const value = setting !== undefined ? shown(setting, raw[setting.key]) : ''
    throw new ConfigError(`${name} ${first.message ?? 'is invalid'}${first.keyword === 'enum' && setting?.schema.enum !== undefined ? ` (${setting.schema.enum.join('|')})` : ''},${value}`)
  }
  const config = candidate as Config
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new ConfigError('--tls-cert and --tls-key must be given together')
  }
  if (config.timeZone !== '' && !isValidTimeZone(config.timeZone)) {
    throw new ConfigError(`--time-zone (CCS_MOCK_TIME_ZONE) must be an IANA time zone such as Europe/Berlin, got '${config.timeZone}'`)
  }
  if (config.smtpUrl !== undefined && parseSmtpUrl(config.smtpUrl) === undefined) {
    const shown = redactSmtpUrl(config.smtpUrl)
    throw new ConfigError(`--smtp-url (CCS_MOCK_SMTP_URL) must be an smtp:// or smtps:// URL with a host${shown !== undefined ? `, got '${shown}'` : ''}`)
  }
  return config
}

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

/** What the command line asks for besides serving: a snapshot moved to or from a running server. */
export type StateCommand = { name: 'export' | 'import', file: string, url?: string, session?: string }
export type CliCommand = { name: 'serve' } | StateCommand

const STATE_COMMANDS = new Set(['export', 'import'])

export function helpText (): string {
  const lines = settings.map(({ flag, env, isBoolean, schema }) => {
    const left = isBoolean ? `--${flag}` : `--${flag} <value>`
    const choices = schema.enum !== undefined ? ` (${schema.enum.join('|')})` : ''
    const fallback = schema.default !== undefined && schema.default !== '' && !isBoolean ? ` [default: ${String(schema.default)}]` : ''
    return `  ${left.padEnd(30)} ${env.padEnd(28)} ${schema.description ?? ''}${choices}${fallback}`
  })
  return [
    'Usage: ccs-mock [options]              start the server',
    '       ccs-mock export FILE [options]  write the state of a running server to FILE (- for stdout)',
    '       ccs-mock import FILE [options]  replace the state of a running server with FILE (- for stdin)',
    '',
    'A simulator of the Symantec/Broadcom Control Compliance Suite REST API.',
    'Every option can also be set by the environment variable beside it; a flag wins.',
    '',
    ...lines,
    `  ${'--help'.padEnd(30)} ${''.padEnd(28)} print this help and exit`,
    `  ${'--version'.padEnd(30)} ${''.padEnd(28)} print the version and exit`,
    '',
    'export and import reach the server at --url (default: from --http, --host and --port),',
    'send --admin-key, and take --session NAME for a session\'s data set.',
    `  ${'--url <value>'.padEnd(30)} ${''.padEnd(28)} e.g. https://127.0.0.1:12431`,
    `  ${'--session <value>'.padEnd(30)} ${''.padEnd(28)} a session name (X-CCS-Mock-Session)`
  ].join('\n')
}

/** help: print the usage (or, with version, the version) and exit. */
export type CliResult = { help: true, version?: true } | { help: false, config: Config, command: CliCommand }

/** Flags + environment -> a validated Config. Throws ConfigError with a one-line message. */
export function parseCli (argv: string[], env: NodeJS.ProcessEnv): CliResult {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean' }, version: { type: 'boolean' }, url: { type: 'string' }, session: { type: 'string' } }
  for (const s of settings) options[s.flag] = { type: s.isBoolean ? 'boolean' : 'string' }

  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true })
  } catch (err) {
    throw new ConfigError((err as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  if (parsed.values.help === true) return { help: true }
  if (parsed.values.version === true) return { help: true, version: true }
  const command = commandOf(parsed.positionals, parsed.values)

  const raw: Record<string, unknown> = {}
  for (const s of settings) {
    const fromFlag = parsed.values[s.flag]
    const fromEnv = env[s.env]
    if (fromFlag !== undefined) raw[s.key] = fromFlag
    else if (fromEnv !== undefined) raw[s.key] = s.isBoolean ? booleanFromEnv(s.env, fromEnv) : fromEnv
  }
  return { help: false, config: validateConfig(raw), command }
}

function commandOf (positionals: string[], values: Record<string, unknown>): CliCommand {
  const [name, file, ...extra] = positionals
  const { url, session } = values as { url?: string, session?: string }
  if (name === undefined) {
    if (url !== undefined || session !== undefined) throw new ConfigError(`--${url !== undefined ? 'url' : 'session'} is only for the export and import commands`)
    return { name: 'serve' }
  }
  if (!STATE_COMMANDS.has(name)) throw new ConfigError(`unknown command '${name}' (export or import, or none to start the server)`)
  if (file === undefined || file === '') throw new ConfigError(`${name} needs a FILE (- for ${name === 'export' ? 'stdout' : 'stdin'})`)
  if (extra.length > 0) throw new ConfigError(`unexpected argument '${extra[0] ?? ''}'`)
  if (url !== undefined && !/^https?:\/\/[^/]/i.test(url)) throw new ConfigError(`--url must be an http:// or https:// URL, got '${url}'`)
  return { name: name as StateCommand['name'], file, ...(url !== undefined ? { url } : {}), ...(session !== undefined ? { session } : {}) }
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

import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The vendor's Create Job sample and its payloads (test/e2e/vendor-sample/README.md). */
export const SAMPLE_DIR = new URL('../e2e/vendor-sample/', import.meta.url)
export const SCRIPT = await readFile(new URL('create_job.py', SAMPLE_DIR), 'utf8')

export interface Run { code: number | null, stdout: string, stderr: string }

export async function python (args: string[]): Promise<Run> {
  return await new Promise((resolve) => {
    // requests honours HTTPS_PROXY; the server is local.
    const env = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' }
    execFile('python3', args, { timeout: 30_000, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
      resolve({ code, stdout, stderr: error !== null && typeof error.code !== 'number' ? `${stderr}${error.message}` : stderr })
    })
  })
}

/** Replaces `from` (which must occur exactly once) with `to`. */
function replaceOnce (text: string, from: string, to: string): string {
  const parts = text.split(from)
  if (parts.length !== 2) throw new Error(`expected exactly one '${from}' in the script, found ${parts.length - 1}`)
  return parts.join(to)
}

/** The vendor's script with only its four placeholders filled in (see vendor-sample/README.md). */
export function configured (script: string, port: number, password: string): string {
  let text = replaceOnce(script, "HostName = '<hostname>'", "HostName = '127.0.0.1'")
  text = replaceOnce(text, "PortNumber = '<port number>'", `PortNumber = '${port}'`)
  // The Python source gets `domain1\\administrator`, i.e. the string domain1\administrator.
  text = replaceOnce(text, "UserName = '<user name>'", "UserName = 'domain1\\\\administrator'")
  return replaceOnce(text, "Password = '<password>'", `Password = '${password}'`)
}

export interface Script { name: string, text: string }

/** Writes the script into `dir` and runs it. */
export async function runScript (dir: string, script: Script): Promise<Run & Script> {
  const file = join(dir, `${script.name}.py`)
  await writeFile(file, script.text)
  return { ...script, ...await python([file]) }
}

import { rename, writeFile } from 'node:fs/promises'

/** `--port-file`: written beside the target, then renamed, so a reader never sees half a number. */
export async function writePortFile (file: string, port: number): Promise<void> {
  const partial = `${file}.${process.pid}.partial`
  await writeFile(partial, `${port}\n`)
  await rename(partial, file)
}

/** The one machine-readable line on stdout that says the server listens. */
export const readyLine = (url: string, port: number): string => `${JSON.stringify({ ready: true, url, port })}\n`

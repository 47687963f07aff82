import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * The records of one collection directory (`jobs`, `runs`) as a restart must find them,
 * read from disk with its own reading of the layout in docs/store.md: each segment's
 * lowdb file, then the changes in its live tail (`"tail"` names the generation; only
 * whole lines count).
 */
export async function recordsOnDisk<T> (dir: string, field: string, keyOf: (record: T) => string): Promise<T[]> {
  const files: string[] = await readdir(dir).catch(() => [])
  const numbers = [...new Set(files.flatMap((f) => /^segment-(\d{6})\.(?:json|tail-\d+\.jsonl)$/.exec(f)?.[1] ?? []))].sort()
  const records: T[] = []
  for (const number of numbers) {
    const base = files.includes(`segment-${number}.json`)
      ? JSON.parse(await readFile(join(dir, `segment-${number}.json`), 'utf8')) as Record<string, unknown> & { tail?: number }
      : {}
    const segment = new Map<string, T>(((base[field] ?? []) as T[]).map((r) => [keyOf(r), r]))
    const tail = `segment-${number}.tail-${base.tail ?? 0}.jsonl`
    if (files.includes(tail)) {
      const text = await readFile(join(dir, tail), 'utf8')
      for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter((l) => l !== '')) {
        const change = JSON.parse(line) as { put?: T, del?: string }
        if (change.put !== undefined) segment.set(keyOf(change.put), change.put)
        else segment.delete(change.del as string)
      }
    }
    records.push(...segment.values())
  }
  return records
}

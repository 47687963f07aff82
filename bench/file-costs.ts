/**
 * What the store's file operations cost on this machine's disk, in microseconds of
 * wall and CPU time each, measured in the data dir's file system (`BENCH_DIR`, default
 * the OS temp dir): the syscalls a create pays (an append to an open-for-each-group
 * tail) and those a fold pays once per segment (a new file, lowdb's temp file +
 * rename of a 140 KB segment). `npm run bench:files` (FILES_ROUNDS).
 */
import { closeSync, constants, mkdtempSync, openSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROUNDS = Number(process.env.FILES_ROUNDS ?? 300)
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'ccs-mock-files-'))
// About a job's line, and a full segment of 100 such jobs.
const line = Buffer.alloc(1500, 'x')
const segment = Buffer.alloc(140_000, 'x')

function timed (name: string, step: (i: number) => void): string {
  const cpu = process.cpuUsage()
  const started = process.hrtime.bigint()
  for (let i = 0; i < ROUNDS; i++) step(i)
  const wallUs = Number(process.hrtime.bigint() - started) / 1000 / ROUNDS
  const used = process.cpuUsage(cpu)
  return `| ${name} | ${wallUs.toFixed(1)} | ${((used.user + used.system) / ROUNDS).toFixed(1)} |`
}

try {
  const tail = join(dir, 'tail.jsonl')
  writeFileSync(tail, '')
  let at = 0
  const rows = [
    timed('open + append 1.5 KB + close (an append)', () => {
      const fd = openSync(tail, constants.O_WRONLY | constants.O_CREAT)
      writeSync(fd, line, 0, line.length, at)
      at += line.length
      closeSync(fd)
    }),
    timed('create a new file with 1.5 KB (a new tail)', (i) => { writeFileSync(join(dir, `new-${i}`), line) }),
    timed('write 140 KB to a temp file + rename over the segment (a fold)', () => {
      writeFileSync(join(dir, '.segment.tmp'), segment)
      renameSync(join(dir, '.segment.tmp'), join(dir, 'segment.json'))
    }),
    timed('overwrite an existing file with 140 KB (for comparison)', () => { writeFileSync(join(dir, 'segment.json'), segment) }),
    timed('delete a file (the folded tail)', (i) => { unlinkSync(join(dir, `new-${i}`)) })
  ]
  process.stdout.write([`File operations in ${dir}, ${ROUNDS} rounds each:`, '', '| operation | wall µs | CPU µs |', '|---|---:|---:|', ...rows, ''].join('\n'))
} finally {
  rmSync(dir, { recursive: true, force: true })
}

import t from 'tap'
import { globMatches, pathSegments } from '../../src/admin/path-glob.js'

const matches = (pattern: string, path: string): boolean => globMatches(pathSegments(pattern), pathSegments(path))

t.test('exact paths, globs and routing normalisation', async (t) => {
  const cases: Array<[pattern: string, path: string, expected: boolean]> = [
    ['/ccs/api/v1/jobs', '/ccs/api/v1/jobs', true],
    ['/ccs/api/v1/jobs', '/CCS/API/V1/Jobs', true],
    ['/ccs/api/v1/jobs', '/ccs/api/v1/jobs/', true],
    ['/ccs/api/v1/jobs', '/ccs//api/v1/jobs?jobname=x', true],
    ['/ccs/api/v1/jobs/', '/ccs/api/v1/jobs', true],
    ['/ccs/api/v1/jobs', '/ccs/api/v1/jobs/abc', false],
    ['/ccs/api/v1/jobs', '/ccs/api/v1/job', false],
    ['/ccs/api/v1/jobs/*', '/ccs/api/v1/jobs/abc', true],
    ['/ccs/api/v1/jobs/*', '/ccs/api/v1/jobs', false],
    ['/ccs/api/v1/jobs/*', '/ccs/api/v1/jobs/abc/jobruns', false],
    ['/ccs/api/v1/jobs/*/jobruns', '/ccs/api/v1/Jobs/abc/JobRuns', true],
    ['/ccs/api/v1/asset*', '/ccs/api/v1/AssetGroup', true],
    ['/ccs/api/v1/asset*', '/ccs/api/v1/Assets', true],
    ['/ccs/api/v1/asset*', '/ccs/api/v1/standards', false],
    ['/ccs/api/v1/*s', '/ccs/api/v1/jobs', true],
    ['/ccs/api/v1/*s', '/ccs/api/v1/assetgroup', false],
    ['/ccs/**', '/ccs/api/v1/jobs/abc/jobruns', true],
    ['/ccs/**', '/ccs', true],
    ['/ccs/**', '/docs', false],
    ['**', '/anything/at/all', true],
    ['/**/jobruns', '/ccs/api/v1/jobs/abc/jobruns', true],
    ['/**/jobruns', '/ccs/api/v1/jobs/abc', false],
    ['/ccs/**/v1/**/jobruns', '/ccs/api/v1/jobs/x/jobruns', true],
    ['/ccs/api/v1/assets/%7Bid%7D', '/ccs/api/v1/assets/{id}', true],
    ['/ccs/api/v1/assets/{id}', '/ccs/api/v1/assets/%7Bid%7D', true],
    ['/ccs/api/v1/assets/*', '/ccs/api/v1/assets/%E0%A4%A', true]
  ]
  for (const [pattern, path, expected] of cases) t.equal(matches(pattern, path), expected, `${pattern} ${expected ? 'matches' : 'does not match'} ${path}`)
})

t.test('a hostile pattern against a long path answers without backtracking for long', async (t) => {
  const pattern = `/${'*a'.repeat(200)}*b/${'**/'.repeat(200)}x`
  const path = `/${'a'.repeat(2000)}/${'s/'.repeat(500)}y`
  t.equal(matches(pattern, path), false)
})

import t from 'tap'
import { foldCase, globMatcher } from '../../src/domain/glob.js'

/** Every code point some case mapping changes: the only ones the RegExp engine equates with another (checked once over all 1.1M). */
function casedCodePoints (): string[] {
  const cased: string[] = []
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    const char = String.fromCodePoint(cp)
    if (char.toUpperCase() !== char || char.toLowerCase() !== char) cased.push(char)
  }
  return cased
}

const escape = (char: string): string => char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')

t.test('foldCase gives one text to every code point the matcher equates, for every cased code point', async (t) => {
  const cased = casedCodePoints()
  const all = cased.join('')
  const apart: string[] = []
  for (const char of cased) {
    for (const [equal] of all.matchAll(new RegExp(escape(char), 'giu'))) {
      if (foldCase(equal) !== foldCase(char)) apart.push(`U+${(char.codePointAt(0) as number).toString(16)} ~ U+${(equal.codePointAt(0) as number).toString(16)}`)
    }
  }
  t.ok(cased.length > 2800, `${cased.length} cased code points`)
  t.same(apart, [], 'no equated pair folds apart')
})

t.test('foldCase keeps one code point for one, so a folded needle lines up with a folded value', async (t) => {
  for (const text of ['straße', 'ǅ', 'İstanbul', 'ΐ', 'ﬅ', '𐐀𐐨', 'ΣΑΣ']) {
    t.equal([...foldCase(text)].length, [...text].length, text)
  }
  t.equal(foldCase('ΣΑΣ'), foldCase('σασ'), 'a final sigma folds as any other')
  t.equal(foldCase('ſ'), 's')
  t.equal(foldCase('WIN-Chi-7'), 'win-chi-7')
})

t.test('globMatcher equates what foldCase equates', async (t) => {
  t.ok(globMatcher('*ſt*')('FIRST'))
  t.ok(globMatcher('ΣΑΣ')('σας'))
  t.ok(globMatcher('\u1fd3')('\u0390'))
  t.notOk(globMatcher('*ss*')('straße'), 'no full folding: ß is not ss')
})

import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { Test } from 'tap'

export const DATA_CONTRACTS = 'http://schemas.datacontract.org/2004/07/Symantec.CSM.RestAPI.DataContracts'
export const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
export const INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance'

/** A parsed element: its name, attributes and children (or text). */
export interface Element { name: string, attributes: Record<string, string>, children: Element[], text: string | undefined }

type Raw = Record<string, unknown>

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false })

const decodeRefs = (text: string): string => text.replace(/&#x([0-9A-F]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))

function element (raw: Raw): Element {
  const name = Object.keys(raw).find((k) => k !== ':@') ?? ''
  const nodes = (raw[name] as Raw[] | undefined) ?? []
  const texts = nodes.filter((n) => '#text' in n).map((n) => String(n['#text']))
  return {
    name,
    attributes: (raw[':@'] as Record<string, string> | undefined) ?? {},
    children: nodes.filter((n) => !('#text' in n)).map(element),
    text: texts.length === 0 ? undefined : decodeRefs(texts.join(''))
  }
}

/** The document's root element; the text must be well-formed XML without a declaration. */
export function parseXml (t: Test, text: string): Element {
  t.equal(XMLValidator.validate(text), true, 'well-formed XML')
  t.notOk(text.startsWith('<?xml'), 'no XML declaration, as Web API writes it')
  return element((parser.parse(text) as Raw[])[0] ?? {})
}

/** XmlConvert.DecodeName. */
const decodeName = (name: string): string => name.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
const localName = (name: string): string => name.includes(':') ? name.slice(name.indexOf(':') + 1) : name

/**
 * The XML holds what the JSON holds, the DataContract way: members sorted by name,
 * `null` as i:nil, lists as one element per item, scalars as text. With `shapeOnly`,
 * scalar values are not compared (two answers about different records).
 */
export function expectSameData (t: Test, xml: Element, json: unknown, path = xml.name, shapeOnly = false): void {
  if (json === null) {
    t.equal(xml.attributes['i:nil'], 'true', `${path}: nil`)
    return
  }
  if (Array.isArray(json)) {
    t.equal(xml.children.length, json.length, `${path}: ${json.length} items`)
    json.forEach((item, i) => { if (xml.children[i] !== undefined) expectSameData(t, xml.children[i], item, `${path}[${i}]`, shapeOnly) })
    return
  }
  if (typeof json === 'object') {
    const keys = Object.keys(json).sort()
    t.strictSame(xml.children.map((c) => decodeName(c.name)), keys, `${path}: members in ordinal order`)
    for (const child of xml.children) expectSameData(t, child, (json as Record<string, unknown>)[decodeName(child.name)], `${path}.${decodeName(child.name)}`, shapeOnly)
    return
  }
  t.equal(xml.children.length, 0, `${path}: a scalar`)
  if (!shapeOnly) t.equal(xml.text ?? '', String(json), `${path}: ${String(json).slice(0, 40)}`)
}

/** The names of a list's items, without their prefix. */
export const itemNames = (list: Element): string[] => [...new Set(list.children.map((c) => localName(c.name)))]

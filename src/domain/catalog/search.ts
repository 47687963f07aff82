import { invalidRequest } from '../../errors.js'
import type { SearchQuery, User } from '../../schemas/catalog.js'
import type { AttributeIndex } from './attribute-index.js'
import { canSeePath } from '../auth/permissions.js'
import { AttributeQueryError, parseAttributeQuery, type AttributeQuery } from './attribute-query.js'

export const DEFAULT_PAGE_SIZE = 100

/** The parsed `Attributes` parameter; a malformed query is a 400 naming the parameter. */
export function attributeQueryParam (text: string | undefined): AttributeQuery {
  try {
    return parseAttributeQuery(text ?? '')
  } catch (err) {
    if (err instanceof AttributeQueryError) throw invalidRequest({ Attributes: [err.message] })
    throw err
  }
}

const normalizePath = (path: string): string =>
  path.trim().replace(/\//g, '\\').replace(/\\+/g, '\\').replace(/\\$/, '').toLowerCase()

/** Whether `path` is the container itself or (with `subTree`) below it; no container: everything. */
export function inContainer (path: string, container: string | undefined, subTree: boolean): boolean {
  if (container === undefined || container.trim() === '') return true
  const wanted = normalizePath(container)
  const actual = normalizePath(path)
  return actual === wanted || (subTree && actual.startsWith(`${wanted}\\`))
}

export interface Page<T> {
  items: T[]
  totalPages: number
}

/** 0-based paging; a page past the end is empty. */
export function pageOf<T> (items: readonly T[], page = 0, pageSize = DEFAULT_PAGE_SIZE): Page<T> {
  return { items: items.slice(page * pageSize, page * pageSize + pageSize), totalPages: Math.ceil(items.length / pageSize) }
}

const keyParts = ({ Attributes, ContainerPath, SearchSubTree = true }: SearchQuery, user: User | null): unknown[] =>
  [Attributes ?? '', ContainerPath ?? '', SearchSubTree, user?.Folders ?? []]

/** What a search's answer depends on: its Attributes, ContainerPath and SearchSubTree, and the caller's folder rights. */
const searchKey = (params: SearchQuery, user: User | null): string => JSON.stringify(keyParts(params, user))

/** What one page of a search's answer depends on: the search's key, the page and its size (defaults filled in). */
export const pageKey = (params: SearchQuery, user: User | null): string =>
  JSON.stringify([...keyParts(params, user), params.page ?? 0, params.pagesize ?? DEFAULT_PAGE_SIZE])

/**
 * One page of the records of `index` that match the query's Attributes, lie in its
 * ContainerPath (SearchSubTree defaults to true) and inside the caller's folder rights.
 * With `remember`, answers are kept in the index's LRU keyed by all of those.
 */
export function searchFolders<T extends { Path: string }> (index: AttributeIndex<T>, params: SearchQuery, user: User | null, remember = false): Page<T> {
  const { Attributes, ContainerPath, SearchSubTree = true, page, pagesize } = params
  const query = attributeQueryParam(Attributes)
  const keep = (record: T): boolean => user !== null && canSeePath(user, record.Path) && inContainer(record.Path, ContainerPath, SearchSubTree)
  const found = remember ? index.searchCached(searchKey(params, user), query, keep) : index.search(query, keep)
  return pageOf(found, page, pagesize)
}

import { signal } from '@preact/signals'

/** The page shown, from the URL's hash (`#/jobs/<id>`): works offline, with the back button, and needs no server routes. */
export interface Route { page: string, id: string | undefined }

function parse (hash: string): Route {
  const [page = 'jobs', id] = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '').map(decodeURIComponent)
  return { page, id }
}

export const route = signal<Route>(parse(location.hash))

addEventListener('hashchange', () => {
  route.value = parse(location.hash)
  // Keyboard and screen-reader users land on the new page's content.
  document.getElementById('main')?.focus({ preventScroll: true })
})

export const href = (page: string, id?: string): string => `#/${page}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`

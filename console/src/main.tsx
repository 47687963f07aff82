import { render } from 'preact'
import { App } from './app.js'
import './console.css'

const root = document.getElementById('app') as HTMLElement
// The page's "Loading…" line goes: render() adds to what the element holds.
root.replaceChildren()
render(<App />, root)

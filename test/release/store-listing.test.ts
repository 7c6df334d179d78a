/**
 * The permission tables reviewers and users read (docs/store-listing.md, the README) name exactly
 * the permissions manifest.json asks for: a new permission fails here until it is explained.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const manifest = JSON.parse(read('manifest.json')) as { permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[] }
const asked = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.host_permissions ?? []).map((host) => `host ${host}`)].sort()

/** First-column entries of the table under `heading`: `storage`, host `https://…`. */
function tableRows(markdown: string, heading: string): string[] {
  const section = markdown.split(heading)[1]?.split(/\n#{1,3} /)[0] ?? ''
  return [...section.matchAll(/^\| (host )?`([^`]+)` \|/gm)].map((match) => `${match[1] ?? ''}${match[2]}`).sort()
}

describe('permission explanations', () => {
  it('the store listing justifies exactly the manifest permissions', () => {
    expect(tableRows(read('docs/store-listing.md'), '## Permission justifications')).toEqual(asked)
  })

  it('the README explains exactly the manifest permissions', () => {
    expect(tableRows(read('README.md'), '## Permissions and why')).toEqual(asked)
  })
})

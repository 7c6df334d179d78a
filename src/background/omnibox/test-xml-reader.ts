/**
 * Test support: strict readers for omnibox descriptions, standing in for Chromium's XML parser
 * (which the e2e suite uses for real). They throw wherever an XML parser would.
 */

/**
 * A strict reader for what the escaper may produce: character data with only the five predefined
 * entities, no markup, and only characters XML 1.0 allows. Throws where an XML parser would.
 */
export function readCharacterData(xml: string): string {
  if (/[<>"']/.test(xml)) throw new Error(`markup character in ${JSON.stringify(xml)}`)
  // eslint-disable-next-line no-control-regex -- the test looks for exactly these
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character XML cannot carry')
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(xml)) throw new Error('unpaired surrogate')
  return xml.replace(/&([a-z]*);?/g, (whole, name: string) => {
    const value = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name]
    if (!value || !whole.endsWith(';')) throw new Error(`bad entity ${whole}`)
    return value
  })
}

/** What survives escaping: the input minus characters XML cannot carry at all. */
// eslint-disable-next-line no-control-regex -- the test drops exactly these
export const representable = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')

/** A description: character data plus `<match>`/`<dim>` pairs, not nested. Returns the text and tags. */
export function readDescription(xml: string): { text: string; tags: string[] } {
  const tags: string[] = []
  let open: string | undefined
  let text = ''
  for (const part of xml.split(/(<\/?(?:match|dim|url)>)/)) {
    const tag = /^<(\/?)(match|dim|url)>$/.exec(part)
    if (!tag) {
      text += readCharacterData(part)
    } else if (tag[1] === '/') {
      if (open !== tag[2]) throw new Error(`unbalanced </${tag[2]}>`)
      open = undefined
    } else {
      if (open) throw new Error(`<${tag[2]}> inside <${open}>`)
      open = tag[2]
      tags.push(open!)
    }
  }
  if (open) throw new Error(`unclosed <${open}>`)
  return { text, tags }
}

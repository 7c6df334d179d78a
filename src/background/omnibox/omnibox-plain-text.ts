/**
 * Firefox shows omnibox descriptions as plain text: the XML that Chrome styles (see
 * omnibox-xml.ts) would appear with its tags and entities. This turns such a description back
 * into the text it encodes, for the Firefox build (src/shared/platform/capabilities.ts).
 */

const TAGS = /<\/?(?:match|dim|url)>/g
const ENTITIES: Readonly<Record<string, string>> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' }

export function omniboxPlainText(description: string): string {
  // One pass over the entities, so an escaped "&amp;lt;" stays the literal text "&lt;".
  return description.replace(TAGS, '').replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity)
}

/**
 * Link and image policy (threats T1, T3): only absolute http(s) URLs become live links or
 * loadable images. Everything else (`javascript:`, `data:`, `vbscript:`, `mailto:`, relative
 * paths) is shown as text. The URL is parsed once and its normalised form is what gets used, so
 * the string that was checked is the string the browser sees.
 */

/** The normalised URL when `href` is an absolute http(s) URL, else `undefined`. */
export function safeHttpUrl(href: string | null | undefined): URL | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
}

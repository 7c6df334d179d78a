/**
 * Long text shown as-is (an answer over the size cap, a block over the lexing budget, a big code
 * block). One huge text node costs the page a layout of all of it at once: a megabyte took
 * 0.7–2.7 s in Chromium (threats T16, goal G17). Cut into chunks of about 4 KB that the browser
 * lays out only when they are on screen (`content-visibility: auto`), the same text takes a few
 * milliseconds. Chunks end at a line break where one is near, so lines stay whole.
 */
import './plain-text.css'

export const CHUNK_CHARS = 4096

/** `text` cut into pieces of at most CHUNK_CHARS, preferably right after a newline. */
export function chunkText(text: string): string[] {
  const chunks: string[] = []
  let start = 0
  while (text.length - start > CHUNK_CHARS) {
    // Searched within the window only: `lastIndexOf` from a position scans back to the text's start.
    const newline = text.slice(start, start + CHUNK_CHARS).lastIndexOf('\n')
    let end = newline >= CHUNK_CHARS / 2 ? start + newline + 1 : start + CHUNK_CHARS
    // Never between the two halves of a surrogate pair.
    const code = text.charCodeAt(end - 1)
    if (code >= 0xd800 && code <= 0xdbff) end -= 1
    chunks.push(text.slice(start, end))
    start = end
  }
  chunks.push(text.slice(start))
  return chunks
}

/** The text, in lazily laid-out chunks when it is long. */
export function PlainText({ text }: { text: string }) {
  if (text.length <= CHUNK_CHARS) return <>{text}</>
  return (
    <>
      {chunkText(text).map((chunk, i) => (
        <span key={i} class="md-chunk">
          {chunk}
        </span>
      ))}
    </>
  )
}

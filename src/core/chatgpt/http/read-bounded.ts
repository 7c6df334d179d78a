/**
 * Reads at most `maxBytes` of a response body as text and cancels the rest, so an error page
 * (or a hostile server) can never make us buffer megabytes just to classify a failure.
 */
export const ERROR_BODY_LIMIT = 64 * 1024

/** Text of the first `maxBytes` bytes of the body ('' when there is none or it cannot be read). */
export async function readBoundedText(response: Response, maxBytes = ERROR_BODY_LIMIT): Promise<string> {
  const body = response.body
  if (!body || response.bodyUsed) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  let seen = 0
  try {
    while (seen < maxBytes) {
      const { done, value } = await reader.read()
      if (done) return text + decoder.decode()
      const room = maxBytes - seen
      const chunk = value.byteLength > room ? value.subarray(0, room) : value
      seen += chunk.byteLength
      text += decoder.decode(chunk, { stream: true })
    }
    // Limit reached: stop the download instead of draining it.
    await reader.cancel().catch(() => undefined)
    return text + decoder.decode()
  } catch {
    return text
  } finally {
    reader.releaseLock()
  }
}

/** Parsed JSON of the first `maxBytes` of the body, or `undefined` when it is not JSON. */
export async function readBoundedJson(response: Response, maxBytes = ERROR_BODY_LIMIT): Promise<unknown> {
  return parseJsonOrUndefined(await readBoundedText(response, maxBytes))
}

export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

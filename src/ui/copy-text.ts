/**
 * Copies text to the clipboard from a click. The async Clipboard API works in extension pages
 * during a user gesture without the clipboardWrite permission; failure is reported, not thrown.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

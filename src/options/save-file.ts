/** Saves text as a download from an extension page: no `downloads` permission needed. */
export function saveTextFile(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  // The download has its own copy once started; free the blob soon after.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

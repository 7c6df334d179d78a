/**
 * The selection templates, editable: rename, edit the prompt, reorder, hide from the menu, delete,
 * add, restore the defaults. Props only; `TemplatesSection` loads and saves.
 */
import { useT } from '../../ui/i18n'
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH, newTemplateId, type SelectionTemplate } from '../../background/selection/templates'

interface Props {
  templates: readonly SelectionTemplate[]
  /** Every edit, with the whole new list. */
  onChange: (templates: SelectionTemplate[]) => void
  onRestoreDefaults: () => void
}

const HAS_SELECTION = /\{\{\s*selection\s*\}\}/

export function TemplatesEditor({ templates, onChange, onRestoreDefaults }: Props) {
  const t = useT()
  const edit = (index: number, patch: Partial<SelectionTemplate>) => onChange(templates.map((item, i) => (i === index ? { ...item, ...patch } : item)))
  const move = (index: number, by: -1 | 1) => {
    const next = [...templates]
    const [item] = next.splice(index, 1)
    if (!item) return
    next.splice(index + by, 0, item)
    onChange(next)
  }
  const add = () => onChange([...templates, { id: newTemplateId(templates), name: t('templateNewName'), text: '{{selection}}', hidden: false }])

  return (
    <div class="templates">
      <ol class="templates-list">
        {templates.map((item, index) => (
          <li key={item.id} class="template" data-testid="template" data-template-id={item.id}>
            <div class="template-row">
              <input
                class="template-name"
                data-testid="template-name"
                aria-label={t('templateName')}
                value={item.name}
                maxLength={MAX_NAME_LENGTH}
                onInput={(event) => edit(index, { name: event.currentTarget.value })}
              />
              <label class="template-hidden">
                <input type="checkbox" data-testid="template-hidden" checked={item.hidden} onChange={(event) => edit(index, { hidden: event.currentTarget.checked })} />
                {t('templateHidden')}
              </label>
              <button type="button" class="ui-button ui-button-quiet" data-testid="template-up" aria-label={`${t('templateMoveUp')}: ${item.name}`} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button
                type="button"
                class="ui-button ui-button-quiet"
                data-testid="template-down"
                aria-label={`${t('templateMoveDown')}: ${item.name}`}
                disabled={index === templates.length - 1}
                onClick={() => move(index, 1)}
              >
                ↓
              </button>
              <button type="button" class="ui-button ui-button-quiet" data-testid="template-delete" onClick={() => onChange(templates.filter((_, i) => i !== index))}>
                {t('templateDelete')}
              </button>
            </div>
            <textarea
              class="template-text"
              data-testid="template-text"
              aria-label={`${t('templateText')}: ${item.name}`}
              rows={3}
              value={item.text}
              maxLength={MAX_TEXT_LENGTH}
              onInput={(event) => edit(index, { text: event.currentTarget.value })}
            />
            {!HAS_SELECTION.test(item.text) && <p class="template-note">{t('templateNoSelection')}</p>}
          </li>
        ))}
      </ol>
      <div class="templates-actions">
        <button type="button" class="ui-button" data-testid="template-add" onClick={add}>
          {t('templateAdd')}
        </button>
        <button type="button" class="ui-button ui-button-quiet" data-testid="templates-restore" onClick={onRestoreDefaults}>
          {t('templatesRestore')}
        </button>
      </div>
    </div>
  )
}

/**
 * The Connection check: session → token → sentinel → a tiny test question, each step's state,
 * and for the step that failed its name, what went wrong and the one thing to do about it.
 */
import { useEffect, useState } from 'preact/hooks'
import type { ConnectionStep } from '../shared/messaging/protocol'
import { ErrorNotice } from '../ui/ErrorNotice'
import { useT } from '../ui/i18n'
import type { WorkerLink } from './worker-link'

interface Props {
  worker: WorkerLink
  onOpenUrl: (url: string) => void
}

const ICON: Record<ConnectionStep['status'], string> = {
  pending: '○',
  running: '…',
  passed: '✓',
  'not-needed': '–',
  failed: '✗',
  skipped: '○',
}

const underscored = (value: string) => value.replace(/-/g, '_')

export function ConnectionSection({ worker, onOpenUrl }: Props) {
  const t = useT()
  const [steps, setSteps] = useState<ConnectionStep[] | undefined>(undefined)
  useEffect(() => worker.listen((event) => event.type === 'connectionCheck' && setSteps(event.steps)), [worker])

  const running = steps?.some((step) => step.status === 'running' || step.status === 'pending') ?? false
  const run = () => {
    setSteps(undefined)
    worker.post({ type: 'connectionCheck' })
  }
  const failed = steps?.find((step) => step.status === 'failed')
  const allPassed = steps !== undefined && steps.every((step) => step.status === 'passed' || step.status === 'not-needed')

  return (
    <section class="options-section" id="connection">
      <h2>{t('optionsConnection')}</h2>
      <p class="options-help">{t('connectionHelp')}</p>
      <button type="button" class="ui-button ui-button-primary" data-testid="run-check" onClick={run} disabled={running}>
        {t('connectionRun')}
      </button>
      {steps && (
        <ol class="check-steps" data-testid="check-steps">
          {steps.map((step) => (
            <li key={step.id} class={`check-step check-${step.status}`} data-testid="check-step" data-step={step.id} data-status={step.status}>
              <span class="check-icon" aria-hidden="true">
                {ICON[step.status]}
              </span>
              <span class="check-name">{t(`checkStep_${step.id}`)}</span>
              <span class="check-status">{t(`checkStatus_${underscored(step.status)}`)}</span>
            </li>
          ))}
        </ol>
      )}
      {failed?.error && (
        <div class="check-failure" data-testid="check-failure" data-step={failed.id}>
          <p>{t('checkFailedAt', t(`checkStep_${failed.id}`))}</p>
          <ErrorNotice error={failed.error} onOpenUrl={onOpenUrl} onRetry={run} />
        </div>
      )}
      {allPassed && (
        <p class="check-ok" role="status" data-testid="check-ok">
          {t('connectionAllGood')}
        </p>
      )}
    </section>
  )
}

// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { memo } from './memo'

afterEach(cleanup)

describe('memo', () => {
  it('re-renders only when a prop changed by identity, with hooks kept across renders', () => {
    const renders = vi.fn()
    const Label = memo(function Label({ text, onClick }: { text: string; onClick: () => void }) {
      renders(text)
      return <button onClick={onClick}>{text}</button>
    })
    const onClick = () => undefined
    const screen = render(<Label text="a" onClick={onClick} />)
    screen.rerender(<Label text="a" onClick={onClick} />)
    expect(renders).toHaveBeenCalledTimes(1)
    screen.rerender(<Label text="b" onClick={onClick} />)
    expect(renders).toHaveBeenLastCalledWith('b')
    screen.rerender(<Label text="b" onClick={() => undefined} />)
    expect(renders).toHaveBeenCalledTimes(3)
    expect(screen.container.textContent).toBe('b')
  })

  it('notices a prop that was added or removed', () => {
    const renders = vi.fn()
    const Box = memo(function Box(props: { a?: number; b?: number }) {
      renders()
      return <p>{JSON.stringify(props)}</p>
    })
    const screen = render(<Box a={1} />)
    screen.rerender(<Box a={1} b={2} />)
    screen.rerender(<Box b={2} />)
    expect(renders).toHaveBeenCalledTimes(3)
    expect(screen.container.textContent).toBe('{"b":2}')
  })
})

// The two react-dom calls the peers' bench page makes; @types/react-dom is not a dev dependency.
declare module 'react-dom' {
  export function flushSync(callback: () => void): void
}
declare module 'react-dom/client' {
  import type { ReactNode } from 'react'
  export function createRoot(container: Element): { render(children: ReactNode): void; unmount(): void }
}

/**
 * One production build of one browser target, in a child process (crxjs keeps module-level
 * state, so two builds never share a process), from a given source tree into a given folder.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

export const TARGETS = {
  chrome: { config: 'vite.config.ts' },
  firefox: { config: 'vite.firefox.config.ts' },
} as const

export type Target = keyof typeof TARGETS

/**
 * The environment of a release build: the caller's, minus what changes the output. A test
 * runner's NODE_ENV=test (vitest sets it) would make vite build a development bundle.
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' }
  for (const name of Object.keys(env)) if (name.startsWith('VITE') || name === 'TEST' || name === 'MODE') delete env[name]
  return env
}

export function buildTarget(sourceDir: string, target: Target, outDir: string): Promise<void> {
  const vite = join(sourceDir, 'node_modules', 'vite', 'bin', 'vite.js')
  const args = [vite, 'build', '--config', TARGETS[target].config, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: sourceDir, env: buildEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`${target} build failed (exit ${code}):\n${output}`))
    })
  })
}

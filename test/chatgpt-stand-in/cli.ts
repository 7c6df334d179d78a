/**
 * Run the stand-in standalone:
 *   npx tsx test/chatgpt-stand-in/cli.ts --era 2026 --port 0 [--difficulty 0fff]
 * Prints the port, origin, SPKI pin and login cookie, then a line per request. Ctrl-C stops it.
 */
import { startStandIn } from './index'
import type { Era } from './index'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const era = (arg('era') ?? '2026') as Era
  if (!['2023', '2024', '2025', '2026'].includes(era)) throw new Error(`--era must be 2023|2024|2025|2026 (got ${era})`)
  const port = Number(arg('port') ?? '0')
  const difficulty = arg('difficulty')
  const s = await startStandIn({ era, port, ...(difficulty ? { difficulty } : {}) })
  const out = {
    era: s.era,
    port: s.port,
    origin: s.origin,
    spkiSha256: s.spkiSha256,
    loginCookie: s.loginCookie,
    chromiumArgs: [
      `--host-resolver-rules=MAP chatgpt.com 127.0.0.1:${s.port}, MAP chat.openai.com 127.0.0.1:${s.port}`,
      `--ignore-certificate-errors-spki-list=${s.spkiSha256}`,
    ],
  }
  console.log(JSON.stringify(out, null, 2))
  const printed = new Set<number>()
  const timer = setInterval(() => {
    for (const e of s.log) {
      if (printed.has(e.id) || (e.status === 0 && !e.closedByClient)) continue
      printed.add(e.id)
      const v = e.violations.length ? `  violations: ${e.violations.join(', ')}` : ''
      console.log(`${new Date(e.time).toISOString()} ${e.method} ${e.host}${e.path} -> ${e.status}${v}`)
    }
  }, 200)
  const stop = (): void => {
    clearInterval(timer)
    void s.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

/**
 * Vite plugin: builds each script the worker injects into pages (src/content/injected-scripts.ts)
 * as one minified classic script (IIFE) under a fixed name, and emits it into the extension.
 *
 * Why not crxjs's `?iife` import: crxjs lists every dynamic script in `web_accessible_resources`
 * for all http(s) sites, which would let any page probe for the extension; `executeScript({ files })`
 * needs no such entry. Why a fixed name: the worker names the file in `executeScript`, and a
 * content script must not change its address between builds for no reason.
 */
import { resolve } from 'node:path'
import { build, type Plugin, type Rolldown } from 'vite'
import { INJECTED_SCRIPTS } from '../src/content/injected-scripts.js'

/** The IIFE's code: `var <global> = (function(exports){ … })({})`, nothing else. */
async function buildIife(root: string, source: string, global: string, target: string | string[] | false): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      target,
      minify: true,
      emptyOutDir: false,
      lib: { entry: resolve(root, source), formats: ['iife'], name: global },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const chunks = outputs.flatMap((o) => o.output).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk')
  if (chunks.length !== 1) throw new Error(`${source}: an injected script must build to one file (got ${chunks.length})`)
  return chunks[0]!.code
}

export function injectedScripts(): Plugin {
  let root = process.cwd()
  let target: string | string[] | false = false
  return {
    name: 'ask-anywhere:injected-scripts',
    apply: 'build',
    configResolved(config) {
      root = config.root
      target = config.build.target
    },
    async generateBundle() {
      for (const script of Object.values(INJECTED_SCRIPTS)) {
        const code = await buildIife(root, script.source, script.global, target)
        // originalFileName lets the size budget (check-bundle-size.ts) find it by its source.
        this.emitFile({ type: 'asset', fileName: script.file, source: code, originalFileName: script.source })
      }
    },
  }
}

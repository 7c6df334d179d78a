/** `GET /backend-api/models` → the account's model options (protocol.md §8). */
export interface ModelOption {
  slug: string
  title: string
}

export function parseModels(body: unknown): { models: ModelOption[]; defaultSlug?: string } {
  const record = (body ?? {}) as { models?: unknown; default_model_slug?: unknown }
  const models: ModelOption[] = []
  if (Array.isArray(record.models)) {
    for (const entry of record.models as Array<{ slug?: unknown; title?: unknown }>) {
      if (typeof entry?.slug !== 'string') continue
      models.push({ slug: entry.slug, title: typeof entry.title === 'string' ? entry.title : entry.slug })
    }
  }
  const defaultSlug = typeof record.default_model_slug === 'string' ? record.default_model_slug : undefined
  return { models, ...(defaultSlug ? { defaultSlug } : {}) }
}

/** Makes a `switch` over a union exhaustive: a new member is a compile error at the call site. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`)
}

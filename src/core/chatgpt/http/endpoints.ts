/**
 * Where the ChatGPT web app lives: hosts only. Paths belong to the protocol profiles, because
 * they change with the backend generation while the hosts have been stable since 2024-05.
 */

/** The only host the web app has used since 2024-05-04 (protocol.md §2.1). */
export const CHATGPT_HOST = 'https://chatgpt.com'

/**
 * The pre-2024-05 host. It now redirects to chatgpt.com; it is only asked for a session when
 * chatgpt.com says "logged out", for profiles that still carry a login there.
 */
export const LEGACY_CHATGPT_HOST = 'https://chat.openai.com'

/** Hosts tried, in order, by the access-token source. */
export const SESSION_HOSTS: readonly string[] = [CHATGPT_HOST, LEGACY_CHATGPT_HOST]

/** This browser's localStorage, or null where there is none (SSR) or it is refused (privacy). */
export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

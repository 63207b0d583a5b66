/**
 * One shared IntersectionObserver for everything created lazily as rows scroll into view
 * (waveforms): cheaper than one observer per element, and nothing is built off screen.
 */
type Callback = () => void;

let observer: IntersectionObserver | null = null;
const callbacks = new WeakMap<Element, Callback>();

function shared(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = callbacks.get(entry.target);
        observer?.unobserve(entry.target);
        callbacks.delete(entry.target);
        callback?.();
      }
    },
    // Start a little before the row is on screen so the waveform is there when it is.
    { rootMargin: '200px 0px' },
  );
  return observer;
}

/** Call `callback` once, the first time `element` comes near the viewport. Returns a canceller. */
export function whenVisible(element: Element, callback: Callback): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    callback();
    return () => {};
  }
  callbacks.set(element, callback);
  shared().observe(element);
  return () => {
    callbacks.delete(element);
    observer?.unobserve(element);
  };
}

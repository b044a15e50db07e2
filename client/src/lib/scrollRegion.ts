import type { Directive } from 'vue';

/**
 * `v-scroll-region` on a box that scrolls sideways on its own (a wide table on a phone). While its content is wider
 * than the box, the box takes the keyboard focus, so that the arrow keys scroll it (WCAG 2.1.1; axe's
 * `scrollable-region-focusable`), and it is a region named after its table, so that a screen reader says what the
 * focus landed on. When everything fits, it is a plain box again: no extra tab stop.
 */
const observers = new WeakMap<HTMLElement, ResizeObserver>();

function update(box: HTMLElement): void {
  if (box.scrollWidth > box.clientWidth + 1) {
    const table = box.querySelector('table');
    const name = table?.getAttribute('aria-label') ?? table?.caption?.textContent?.trim() ?? '';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    if (name) box.setAttribute('aria-label', name);
  } else if (box.hasAttribute('tabindex')) {
    box.removeAttribute('tabindex');
    box.removeAttribute('role');
    box.removeAttribute('aria-label');
  }
}

function observe(box: HTMLElement): void {
  const observer = observers.get(box) ?? new ResizeObserver(() => update(box));
  observers.set(box, observer);
  observer.disconnect();
  // the box (the window changes) and what it holds (rows arrive, a language changes its words)
  observer.observe(box);
  if (box.firstElementChild) observer.observe(box.firstElementChild);
}

export const vScrollRegion: Directive<HTMLElement> = {
  mounted: observe,
  updated: observe,
  unmounted(box) {
    observers.get(box)?.disconnect();
    observers.delete(box);
  },
};

declare module 'vue' {
  interface GlobalDirectives {
    vScrollRegion: typeof vScrollRegion;
  }
}

/**
 * Keyboard navigation of the scene, as a pure function of the key and the current focus, so every
 * binding is tested without a browser. Arrow keys and Tab move a focus ring over the assets; Enter
 * selects the focused asset; Escape clears the selection; F flies the camera to the selection.
 */

/** What a key press does. `select` undefined: selection unchanged. */
export interface NavResult {
  /** The asset the focus ring is on. */
  readonly focused: string | null;
  readonly select?: string | null;
  /** Fly the camera to this asset. */
  readonly focusCamera?: string;
  /** The key was used: the caller prevents its default (e.g. Tab leaving the canvas). */
  readonly handled: boolean;
}

/** The part of a KeyboardEvent navigation reads. */
export interface NavKey {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

const unhandled = (focused: string | null): NavResult => ({ focused, handled: false });

/**
 * The effect of one key. Tab past the last asset (or Shift+Tab before the first) is not handled, so
 * keyboard users can always leave the scene (no keyboard trap, WCAG 2.1.2).
 */
export function navigate(e: NavKey, assets: readonly string[], focused: string | null, selected: string | null): NavResult {
  if (e.ctrlKey || e.metaKey || e.altKey) return unhandled(focused);
  const n = assets.length;
  const at = focused == null ? -1 : assets.indexOf(focused);
  const from = at >= 0 ? at : selected != null ? assets.indexOf(selected) : -1;
  const move = (step: 1 | -1, wrap: boolean): NavResult => {
    if (n === 0) return unhandled(focused);
    let i = from < 0 ? (step > 0 ? 0 : n - 1) : from + step;
    if (i < 0 || i >= n) {
      if (!wrap) return { focused: null, handled: false };
      i = (i + n) % n;
    }
    return { focused: assets[i]!, handled: true };
  };
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return move(1, true);
    case 'ArrowLeft':
    case 'ArrowUp':
      return move(-1, true);
    case 'Tab':
      return move(e.shiftKey ? -1 : 1, false);
    case 'Home':
      return n ? { focused: assets[0]!, handled: true } : unhandled(focused);
    case 'End':
      return n ? { focused: assets[n - 1]!, handled: true } : unhandled(focused);
    case 'Enter':
    case ' ':
      return at >= 0 ? { focused, select: focused, handled: true } : unhandled(focused);
    case 'Escape':
      if (selected == null && focused == null) return unhandled(focused);
      return { focused: null, select: null, handled: true };
    case 'f':
    case 'F': {
      const target = selected ?? (at >= 0 ? focused : null);
      return target ? { focused, focusCamera: target, handled: true } : unhandled(focused);
    }
    default:
      return unhandled(focused);
  }
}

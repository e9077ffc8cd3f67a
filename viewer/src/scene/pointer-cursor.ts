/** A pointer cursor over clickable assets, so the scene shows what can be selected before a click. */
import type { ThreeEvent } from '@react-three/fiber';

function setCursor(e: ThreeEvent<PointerEvent>, cursor: string): void {
  // The DOM target is the canvas itself: its own cursor changes, nothing outside the scene.
  const el = e.nativeEvent.target;
  if (el && 'style' in el) (el as HTMLElement).style.cursor = cursor;
}

/** Spread on a pickable mesh: `<instancedMesh {...pointerCursor} onClick={…} />`. */
export const pointerCursor = {
  onPointerOver(e: ThreeEvent<PointerEvent>): void {
    // The nearest pickable owns the hover, as it owns the click.
    e.stopPropagation();
    setCursor(e, 'pointer');
  },
  onPointerOut(e: ThreeEvent<PointerEvent>): void {
    setCursor(e, '');
  },
} as const;

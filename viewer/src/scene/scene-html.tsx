/**
 * drei `Html` attached to the scene's own wrapper element. By default drei appends labels to whatever
 * the canvas's event target is at first render, and re-creates every label's React root when that
 * changes (React 19 then warns about unmounting a root while rendering); a fixed portal avoids both.
 */
import { Html } from '@react-three/drei';
import { type ComponentProps, createContext, type RefObject, useContext } from 'react';

const PortalContext = createContext<RefObject<HTMLElement | null> | null>(null);

/** Provides the element labels are appended to (the scene's positioned wrapper). */
export const HtmlPortalProvider = PortalContext.Provider;

/** drei `Html`, portalled into the scene wrapper; never intercepts pointer events. */
export function SceneHtml(props: ComponentProps<typeof Html>) {
  const portal = useContext(PortalContext);
  return <Html zIndexRange={[20, 0]} {...props} {...(portal ? { portal: portal as RefObject<HTMLElement> } : {})} style={{ pointerEvents: 'none', ...props.style }} />;
}

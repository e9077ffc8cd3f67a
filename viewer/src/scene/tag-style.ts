/** Inline style of the scene's HTML tags (the scene owns no stylesheet): dark glass, coloured edge. */
import type { CSSProperties } from 'react';

/** Style of a tag with an accent colour. */
export function tagStyle(accent: string): CSSProperties {
  return {
    background: 'rgba(14, 18, 24, 0.82)',
    color: '#e8edf2',
    border: `1px solid ${accent}`,
    borderLeft: `3px solid ${accent}`,
    borderRadius: 4,
    padding: '3px 7px',
    font: '500 11px/1.35 system-ui, sans-serif',
    whiteSpace: 'pre',
    userSelect: 'none',
  };
}

/** Style of a large static title (line names, bay names). */
export const TITLE_STYLE: CSSProperties = {
  color: 'rgba(230, 236, 242, 0.9)',
  font: '600 13px/1 system-ui, sans-serif',
  letterSpacing: '0.08em',
  textTransform: 'uppercase',
  textShadow: '0 1px 3px rgba(0,0,0,0.9)',
  whiteSpace: 'nowrap',
  userSelect: 'none',
  pointerEvents: 'none',
};

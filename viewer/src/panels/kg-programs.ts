/**
 * Node shapes for sigma: its point program (one GL point per node, which SwiftShader draws as well
 * as a GPU) with the disc of its fragment shader swapped for a square, a diamond or a triangle.
 * The vertex shader and attributes are sigma's, so picking (hover, click) works unchanged.
 */
import { NodePointProgram } from 'sigma/rendering';
import type { KgShape } from './kg-logic.ts';

/** `inside` is a GLSL expression of `m` (gl_PointCoord − 0.5, y down) that is true inside the shape. */
const fragment = (inside: string) => /* glsl */ `
precision mediump float;
varying vec4 v_color;
varying float v_border;
void main(void) {
  vec2 m = gl_PointCoord - vec2(0.5, 0.5);
  if (${inside}) gl_FragColor = v_color;
  else gl_FragColor = vec4(0.0, 0.0, 0.0, 0.0);
}
`;

const INSIDE: Record<Exclude<KgShape, 'circle'>, string> = {
  square: 'max(abs(m.x), abs(m.y)) < 0.36',
  diamond: 'abs(m.x) + abs(m.y) < 0.5',
  // Pointing right, the way the graph reads.
  triangle: 'm.x > -0.42 && abs(m.y) < (0.42 - m.x) * 0.55',
};

function shapeProgram(inside: string) {
  return class ShapeProgram extends NodePointProgram {
    override getDefinition() {
      return { ...super.getDefinition(), FRAGMENT_SHADER_SOURCE: fragment(inside) };
    }
  };
}

/** Sigma's `nodeProgramClasses` for the node `type`s kg-logic assigns. */
export const NODE_PROGRAMS = {
  circle: NodePointProgram,
  square: shapeProgram(INSIDE.square),
  diamond: shapeProgram(INSIDE.diamond),
  triangle: shapeProgram(INSIDE.triangle),
};

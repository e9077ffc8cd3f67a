/** The scene's shared materials: created once per scene, disposed with it. */
import { Color, DoubleSide, type IUniform, MeshStandardMaterial, SRGBColorSpace } from 'three';
import type { Rgb } from './colors.ts';

/**
 * A standard material whose instance colour also glows (emissive = colour × `glow.value`), for hot
 * furnace zones: a lit-only colour looks like paint, the glow makes it read as heat.
 */
export function glowingInstanceMaterial(): { material: MeshStandardMaterial; glow: IUniform<number> } {
  const glow: IUniform<number> = { value: 0.8 };
  const material = new MeshStandardMaterial({ roughness: 0.85, metalness: 0 });
  material.onBeforeCompile = (shader) => {
    shader.uniforms['glow'] = glow;
    shader.fragmentShader = `uniform float glow;\n${shader.fragmentShader}`.replace(
      '#include <emissivemap_fragment>',
      '#include <emissivemap_fragment>\n#ifdef USE_INSTANCING_COLOR\n\ttotalEmissiveRadiance += vColor.rgb * glow;\n#endif',
    );
  };
  return { material, glow };
}

/** Materials of the plant, by role. */
export function createMaterials() {
  const std = (hex: number, roughness: number, metalness = 0, extra: Partial<ConstructorParameters<typeof MeshStandardMaterial>[0]> = {}) =>
    new MeshStandardMaterial({ color: hex, roughness, metalness, ...extra });
  const zones = glowingInstanceMaterial();
  return {
    zones: zones.material,
    zoneGlow: zones.glow,
    refractory: std(0x8a7f74, 0.95),
    steel: std(0x5d6b78, 0.55, 0.55),
    lehr: std(0x3f6f8f, 0.6, 0.3),
    belt: std(0x22262b, 0.9),
    accent: std(0xf2b705, 0.5, 0.2),
    glass: std(0xbfe8f2, 0.08, 0.1, { transparent: true, opacity: 0.8 }),
    // Health colour comes from the instance colour; white base so it is shown as is.
    machine: std(0xffffff, 0.55, 0.35),
    plinth: std(0x9aa0a6, 0.95),
    floor: std(0x2a2f36, 0.95),
    marking: std(0xd9a400, 0.7, 0, { side: DoubleSide }),
  };
}

/** The material set of one scene. */
export type SceneMaterials = ReturnType<typeof createMaterials>;

/** Disposes every material of a set. */
export function disposeMaterials(m: SceneMaterials): void {
  for (const v of Object.values(m)) if (v instanceof MeshStandardMaterial) v.dispose();
}

const scratch = new Color();
/** Sets instance `i`'s colour from an sRGB triple (three works in linear space). */
export function setInstanceRgb(mesh: { setColorAt(i: number, c: Color): void }, i: number, c: Rgb): void {
  mesh.setColorAt(i, scratch.setRGB(c[0], c[1], c[2], SRGBColorSpace));
}

/**
 * Lights, floor and grid. No shadows (software WebGL in the bench); a hemisphere light plus two
 * directional lights and a room environment map give standard materials their depth cheaply.
 */
import { Grid } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { PMREMGenerator } from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';
import { useInAr } from './ar.tsx';

/** Scene lighting with a prefiltered room environment (generated once, disposed on unmount). */
export function Lighting() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    const pmrem = new PMREMGenerator(gl);
    const room = new RoomEnvironment();
    const env = pmrem.fromScene(room, 0.04).texture;
    scene.environment = env;
    scene.environmentIntensity = 0.45;
    room.dispose();
    pmrem.dispose();
    return () => {
      scene.environment = null;
      env.dispose();
    };
  }, [gl, scene]);
  return (
    <>
      <hemisphereLight args={[0xdfe8f5, 0x2a2f36, 1.1]} />
      <directionalLight position={[-40, 80, 60]} intensity={1.6} />
      <directionalLight position={[60, 40, -50]} intensity={0.5} color={0xbcd4ff} />
    </>
  );
}

/** Concrete floor and a metre grid (hidden in AR). */
export function Floor({ centre, size }: { centre: readonly [number, number]; size: number }) {
  const inAr = useInAr();
  if (inAr) return null;
  return (
    <group>
      <mesh rotation-x={-Math.PI / 2} position={[centre[0], -0.01, centre[1]]} raycast={() => null}>
        <planeGeometry args={[size, size]} />
        <meshStandardMaterial color={0x2b3038} roughness={0.95} />
      </mesh>
      <Grid
        position={[centre[0], 0.002, centre[1]]}
        args={[size, size]}
        cellSize={1}
        cellThickness={0.6}
        cellColor="#3a424d"
        sectionSize={10}
        sectionThickness={1.1}
        sectionColor="#56606d"
        fadeDistance={size * 0.9}
        fadeStrength={1.5}
        infiniteGrid={false}
      />
    </group>
  );
}

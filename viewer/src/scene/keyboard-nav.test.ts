import { describe, expect, it } from 'vitest';
import { navigate } from './keyboard-nav.ts';

const assets = ['Line_A', 'Line_B', 'motor_001'];
const key = (k: string, mods: { shiftKey?: boolean; ctrlKey?: boolean } = {}) => ({ key: k, ...mods });

describe('keyboard navigation of the scene', () => {
  it('moves the focus to the first asset on ArrowRight when nothing is focused', () => {
    expect(navigate(key('ArrowRight'), assets, null, null)).toEqual({ focused: 'Line_A', handled: true });
  });
  it('starts from the selected asset when nothing is focused', () => {
    expect(navigate(key('ArrowRight'), assets, null, 'Line_B').focused).toBe('motor_001');
  });
  it('cycles with arrow keys, wrapping at both ends', () => {
    expect(navigate(key('ArrowDown'), assets, 'motor_001', null).focused).toBe('Line_A');
    expect(navigate(key('ArrowLeft'), assets, 'Line_A', null).focused).toBe('motor_001');
    expect(navigate(key('ArrowUp'), assets, 'Line_B', null).focused).toBe('Line_A');
  });
  it('cycles with Tab and Shift+Tab, but lets Tab leave the scene after the last asset', () => {
    expect(navigate(key('Tab'), assets, 'Line_A', null)).toEqual({ focused: 'Line_B', handled: true });
    expect(navigate(key('Tab', { shiftKey: true }), assets, 'Line_B', null).focused).toBe('Line_A');
    expect(navigate(key('Tab'), assets, 'motor_001', null)).toEqual({ focused: null, handled: false });
    expect(navigate(key('Tab', { shiftKey: true }), assets, 'Line_A', null).handled).toBe(false);
  });
  it('jumps to the first and last asset with Home and End', () => {
    expect(navigate(key('End'), assets, 'Line_A', null).focused).toBe('motor_001');
    expect(navigate(key('Home'), assets, 'motor_001', null).focused).toBe('Line_A');
  });
  it('selects the focused asset with Enter or Space', () => {
    expect(navigate(key('Enter'), assets, 'Line_B', null)).toEqual({ focused: 'Line_B', select: 'Line_B', handled: true });
    expect(navigate(key(' '), assets, 'motor_001', 'Line_A').select).toBe('motor_001');
    expect(navigate(key('Enter'), assets, null, null).handled).toBe(false);
  });
  it('clears selection and focus with Escape, and leaves Escape alone when there is nothing to clear', () => {
    expect(navigate(key('Escape'), assets, 'Line_A', 'Line_B')).toEqual({ focused: null, select: null, handled: true });
    expect(navigate(key('Escape'), assets, null, null).handled).toBe(false);
  });
  it('flies the camera to the selection with F, or to the focused asset when nothing is selected', () => {
    expect(navigate(key('f'), assets, 'Line_A', 'motor_001').focusCamera).toBe('motor_001');
    expect(navigate(key('F'), assets, 'Line_B', null).focusCamera).toBe('Line_B');
    expect(navigate(key('f'), assets, null, null).handled).toBe(false);
  });
  it('ignores keys with modifiers (browser shortcuts) and unknown keys', () => {
    expect(navigate(key('f', { ctrlKey: true }), assets, 'Line_A', 'Line_A').handled).toBe(false);
    expect(navigate(key('x'), assets, 'Line_A', null)).toEqual({ focused: 'Line_A', handled: false });
  });
  it('does nothing in an empty plant', () => {
    expect(navigate(key('ArrowRight'), [], null, null).handled).toBe(false);
    expect(navigate(key('Home'), [], null, null).handled).toBe(false);
  });
  it('forgets a focused asset that is no longer in the plant', () => {
    expect(navigate(key('ArrowRight'), assets, 'gone_001', null).focused).toBe('Line_A');
  });
});

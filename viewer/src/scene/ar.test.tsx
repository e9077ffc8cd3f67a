// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArButton } from './ar.tsx';

const nav = (xr: unknown) => ({ xr }) as unknown as Navigator;
const flush = () => act(async () => {});

afterEach(cleanup);

describe('Enter AR button', () => {
  it('is hidden where WebXR is missing', async () => {
    render(<ArButton onEnter={() => {}} nav={nav(undefined)} />);
    await flush();
    expect(screen.queryByRole('button', { name: 'Enter AR' })).toBeNull();
  });
  it('is hidden where immersive-ar is not supported (VR-only or desktop WebXR)', async () => {
    const isSessionSupported = vi.fn(async () => false);
    render(<ArButton onEnter={() => {}} nav={nav({ isSessionSupported })} />);
    await flush();
    expect(isSessionSupported).toHaveBeenCalledWith('immersive-ar');
    expect(screen.queryByRole('button', { name: 'Enter AR' })).toBeNull();
  });
  it('is hidden when the support check fails', async () => {
    render(<ArButton onEnter={() => {}} nav={nav({ isSessionSupported: async () => Promise.reject(new Error('SecurityError')) })} />);
    await flush();
    expect(screen.queryByRole('button', { name: 'Enter AR' })).toBeNull();
  });
  it('shows where immersive-ar is supported and enters AR on click', async () => {
    const onEnter = vi.fn();
    render(<ArButton onEnter={onEnter} nav={nav({ isSessionSupported: async (m: string) => m === 'immersive-ar' })} />);
    await flush();
    fireEvent.click(screen.getByRole('button', { name: 'Enter AR' }));
    expect(onEnter).toHaveBeenCalledTimes(1);
  });
});

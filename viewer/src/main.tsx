import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { startTwinRuntime } from './live/twin-runtime.ts';
import { App } from './shell/app.tsx';
import { RuntimeContext } from './shell/runtime-context.tsx';

// The runtime lives outside React: the WebSocket keeps running whatever the components do.
const runtime = startTwinRuntime();
(globalThis as { __twin?: unknown }).__twin = runtime; // for the e2e tests and debugging from the console

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RuntimeContext.Provider value={runtime}>
      <App />
    </RuntimeContext.Provider>
  </StrictMode>,
);

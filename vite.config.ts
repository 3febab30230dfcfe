import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer build: root src-renderer, output out/renderer, relative asset paths so the same files load
// from file:// (Electron) and from the web bridge.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One chunk is fine for a local app; zod schemas and recharts dominate it.
    chunkSizeWarningLimit: 1500,
  },
});

// The dashboard's build: `npx vite build web` writes web/dist, which `chokepoint serve` serves.
// `base: './'` keeps asset URLs relative, so the app works under any path prefix.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});

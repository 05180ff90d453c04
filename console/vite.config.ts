import { defineConfig } from 'vite';

// The console app: index.html and hashed chunks under /console/ (served by adapter-http).
export default defineConfig({
  base: '/console/',
  build: {
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts'],
  },
} as any);

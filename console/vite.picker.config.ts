import { defineConfig } from 'vite';

// The embeddable picker: one self-contained ES module with a stable name, /console/picker.js.
export default defineConfig({
  build: {
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    lib: { entry: 'src/picker.ts', formats: ['es'], fileName: () => 'picker.js' },
  },
});

import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/** The API server during development (`npm run dev -w server`). */
const apiTarget = 'http://localhost:4000';

export default defineConfig(({ mode }) => ({
  plugins: [vue()],
  define: {
    // vue-i18n's build flags: Composition API only, no devtools hooks in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    // Apollo Client strips its development checks and messages when this is false.
    'globalThis.__DEV__': JSON.stringify(mode !== 'production'),
  },
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true, changeOrigin: false },
      '/files': { target: apiTarget },
      '/healthz': { target: apiTarget },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
}));

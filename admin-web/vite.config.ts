import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// The api serves the built site from its classpath under /admin/ (META-INF/resources/admin).
// `npm run dev` proxies /api to a running api: CARECIRCLE_API_URL, default http://127.0.0.1:8080.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, '.', '');
  const apiUrl = env.CARECIRCLE_API_URL ?? 'http://127.0.0.1:8080';
  return {
    base: '/admin/',
    plugins: [react()],
    build: {
      outDir: 'target/classes/META-INF/resources/admin',
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
    },
    server: {
      proxy: { '/api': { target: apiUrl, changeOrigin: false } },
    },
  };
});

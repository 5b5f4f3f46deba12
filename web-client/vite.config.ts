import { defineConfig } from 'vitest/config';

// room-service answers /api and /.well-known, signaling-service the WebSocket at /ws; behind the
// gateway or launcher all three share the page's origin, so the app always uses relative URLs.
const roomService = process.env.CHORUS_ROOM_URL ?? 'http://localhost:8080';
const signaling = process.env.CHORUS_SIGNALING_URL ?? 'http://localhost:8081';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    port: 5173,
    proxy: {
      '/api': roomService,
      '/.well-known': roomService,
      '/ws': { target: signaling, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

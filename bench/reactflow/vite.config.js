// Two builds of the React Flow reference (see bench/README.md):
//   vite build                → dist/bench:   the generated graph, for timing
//   vite build --mode minimal → dist/minimal: one flow of two nodes, for the
//                                             bundle-size comparison
// JSX goes through Vite's own esbuild (React's automatic runtime), so no
// plugin is needed: production output is the same as with @vitejs/plugin-react.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => {
  const page = mode === 'minimal' ? 'minimal' : 'bench';
  return {
    esbuild: { jsx: 'automatic' },
    build: {
      outDir: `dist/${page}`,
      emptyOutDir: true,
      rollupOptions: {
        input: page === 'minimal' ? 'minimal.html' : 'index.html',
        // React Flow marks its entry "use client" for server-component
        // frameworks; a client-only bundle rightly drops it.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  };
});

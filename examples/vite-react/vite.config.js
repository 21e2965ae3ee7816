import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Nothing Folio-specific: the package's Wasm, glue and stylesheet are assets Vite ships itself.
export default defineConfig({ plugins: [react()] });

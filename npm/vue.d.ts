// Template typing of <folio-viewer> for Vue 3: `import type {} from 'folio-viewer/vue'` once.
// Vue must also be told it is a custom element: in Vite, vue({ template: { compilerOptions:
// { isCustomElement: (tag) => tag === 'folio-viewer' } } }).
import type { DefineComponent } from 'vue';
import type { FolioViewerAttributes } from './folio-viewer.js';

declare module 'vue' {
  interface GlobalComponents {
    'folio-viewer': DefineComponent<FolioViewerAttributes>;
  }
}

// JSX typing of <folio-viewer> for React 19: `import type {} from 'folio-viewer/react'` once
// (or list it in tsconfig's `types`). React 19 sets a prop as a property when the element has
// one (src, theme, …) and as an attribute otherwise (page-size, base-url).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { FolioViewerAttributes, FolioViewerElement } from './folio-viewer.js';

type FolioViewerProps = DetailedHTMLProps<
  Omit<HTMLAttributes<FolioViewerElement>, keyof FolioViewerAttributes>,
  FolioViewerElement
> &
  FolioViewerAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'folio-viewer': FolioViewerProps;
    }
  }
}

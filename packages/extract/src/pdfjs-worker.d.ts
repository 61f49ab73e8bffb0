/** pdf.js's worker code, loaded for its side effect (globalThis.pdfjsWorker); its exports are not used. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * Starts the PDF reader's thread now, so that pdf.js loads while the caller does other work (loads
 * its own modules, reads the files) rather than when the first PDF arrives; idle, it holds nothing
 * up. A module of its own, importing nothing else first: the command line calls it before it loads
 * the parser and the rules.
 */
export async function startPdfReader(): Promise<void> {
  (await import('./pdf')).startPdfWorker();
}

/**
 * What pdf.js needs of Node 22 that Node 20 lacks, for the threads that run it (pdf-worker.mjs, ocr/pdf-images.mjs).
 */
// pdf.js 5+ targets Node 22; Node 20 lacks Promise.withResolvers, which it calls unconditionally ...
Promise.withResolvers ??= function withResolvers() {
  let resolve;
  let reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
};
// ... and ArrayBuffer#transferToFixedLength (Node 21), with which it sends the fonts of a page's
// drawing operations: without it the operator list stops at the first text and no ruling is seen
ArrayBuffer.prototype.transferToFixedLength ??= function transferToFixedLength(length = this.byteLength) {
  const out = new ArrayBuffer(length);
  new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
  return out;
};

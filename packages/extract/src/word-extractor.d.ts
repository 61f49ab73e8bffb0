// The internals of word-extractor 1.0.x that doc.ts extends (the package ships no types).
declare module 'word-extractor/lib/word-ole-extractor.js' {
  export interface Piece {
    text: string;
    startFilePos: number;
    size: number;
    /** Bytes per character: 1 (8-bit text) or 2 (UTF-16). */
    bpc: number;
  }
  export interface WordDocument {
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordOleExtractor {
    protected _pieces: Piece[];
    extract(reader: unknown): Promise<WordDocument>;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<WordDocument>;
    documentStream(document: unknown, name: string): Promise<unknown>;
    streamBuffer(stream: unknown): Promise<Buffer>;
    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
  }
}

declare module 'word-extractor/lib/buffer-reader.js' {
  export default class BufferReader {
    constructor(buffer: Buffer);
    open(): Promise<unknown>;
    close(): Promise<unknown>;
  }
}

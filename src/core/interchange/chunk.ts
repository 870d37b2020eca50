/** One entry of an import file, split off before it is parsed, with the line it starts on (for error messages). */
export interface Chunk {
  text: string;
  line: number;
}

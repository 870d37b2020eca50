// The part of madge's API the cycle check uses (madge ships no types).
declare module 'madge' {
  interface MadgeResult {
    circular(): string[][];
    warnings(): { skipped: string[] };
  }
  export default function madge(path: string, config: { fileExtensions: string[]; tsConfig: string; detectiveOptions?: object }): Promise<MadgeResult>;
}

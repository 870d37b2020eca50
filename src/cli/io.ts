/* Writing to the terminal, shared by every command group. */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
export const collect = (value: string, previous: string[] = []) => [...previous, value];
export const plural = (n: number, noun: string, many = `${noun}s`) => `${n} ${n === 1 ? noun : many}`;

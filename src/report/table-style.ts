/** cli-table3 colours its borders and headers; a pipe, a file or CI gets plain text instead. */
export function tableStyle(stream: NodeJS.WriteStream = process.stdout): { style?: { head: string[]; border: string[] } } {
  const color = Boolean(stream.isTTY) && !process.env.CI && !process.env.NO_COLOR;
  return color ? {} : { style: { head: [], border: [] } };
}

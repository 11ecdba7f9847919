/**
 * A progress reporter drawing a bar on stderr when stderr is a terminal, and nothing otherwise (so
 * pipes and logs stay clean, and stdout only ever carries the result).
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  if (!stream.isTTY) return () => {};
  const width = 30;
  let lastFilled = -1;
  return (done, total) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    if (filled === lastFilled && done !== total) return;
    lastFilled = filled;
    stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    if (done === total) stream.write('\n');
  };
}

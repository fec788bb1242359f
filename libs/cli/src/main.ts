export async function main(argv: string[]): Promise<number> {
  console.log('simpul', argv.join(' '));
  return 0;
}

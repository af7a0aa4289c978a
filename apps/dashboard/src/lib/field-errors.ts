/** Per-field messages from a server error like "spec: hyper.learningRate: too big; hyper.epochs: ...". */
export function fieldErrorsFrom(message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const part of message.split(/\n|; /)) {
    const match = /hyper\.([\w-]+)[^:]*:\s*(.*)$/.exec(part);
    if (match?.[1]) errors[match[1]] = match[2] || part;
  }
  return errors;
}

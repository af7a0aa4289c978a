import cliProgress from 'cli-progress';

const RENDER_MS = 100;

export interface ProgressReporter {
  update(done: number, total: number, label?: string): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr (stdout stays for results). Without a terminal, a bar cannot redraw, so
 * progress is printed as a line at every tenth of the way instead.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? terminalBar(stream) : plainLines(stream);
}

function terminalBar(stream: NodeJS.WriteStream): ProgressReporter {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {percentage}% | {value}/{total} | {label} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  let renderedAt = 0;
  // cli-progress redraws on a timer, which does not fire while training holds the event loop
  // between steps; so the bar is redrawn here, at most every RENDER_MS.
  const render = (force: boolean) => {
    if (!force && Date.now() - renderedAt < RENDER_MS) return;
    renderedAt = Date.now();
    bars.update();
  };
  return {
    update(done, total, label = '') {
      bar ??= bars.create(total, 0, { label });
      bar.setTotal(total);
      bar.update(done, { label });
      render(false);
    },
    log(line) {
      bars.log(`${line}\n`);
      render(true);
    },
    stop() {
      render(true);
      bars.stop();
    },
  };
}

function plainLines(stream: NodeJS.WriteStream): ProgressReporter {
  let lastTenth = -1;
  return {
    update(done, total, label = '') {
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 0;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`progress ${tenth * 10}% (${done}/${total}) ${label}\n`);
    },
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}

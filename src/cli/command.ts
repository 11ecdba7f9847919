/** One `seam` command: its help text and what it does. */
export interface Command {
  name: string;
  summary: string;
  /** Full help, printed for `seam NAME --help`. */
  help: string;
  run(argv: string[]): Promise<void>;
}

export const dataDirHelp = '  --data-dir DIR   data directory (default: $SEAM_DATA_DIR or ./data)';

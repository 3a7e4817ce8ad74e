/** Progress messages of long work (stderr in the CLI, silent in tests). */
export type Progress = (message: string) => void;

export const silentProgress: Progress = () => {};

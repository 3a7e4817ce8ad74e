/** The result store's database as the history code uses it (sqlite-result-store.ts implements it; nothing else imports better-sqlite3). */
export interface Sql {
  run(sql: string, params?: readonly unknown[]): void;
  get<T>(sql: string, params?: readonly unknown[]): T | undefined;
  all<T>(sql: string, params?: readonly unknown[]): T[];
  /** Runs `work` in one IMMEDIATE transaction: the write lock is taken first, so two processes never deadlock upgrading a read. */
  write<T>(work: () => T): T;
}

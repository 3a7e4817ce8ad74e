import type { Server } from 'node:http';

export function serveRegistry(folder: string, port: number): Promise<Server>;

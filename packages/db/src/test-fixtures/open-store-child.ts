/**
 * Run as a separate process by embedded.test.ts: opens the store of the home given as argv[2],
 * adds a project named argv[3], and prints what it saw as one JSON line.
 */
import { openStore } from '../store.ts';

const [home, projectName] = process.argv.slice(2);
const store = await openStore({ home });
await store.prisma.project.create({ data: { name: projectName! } });
const projects = (await store.prisma.project.findMany({ orderBy: { name: 'asc' } })).map((p) => p.name);
console.log(JSON.stringify({ url: store.url, serving: store.serving, projects }));
await store.close();

/**
 * Runs the nodes of a graph, each once all of its inputs that are part of the graph are readable:
 * a node says so with `readable()` before it is done (a dataset whose rows are written, while its
 * checks still run), or by finishing. At most `concurrency` nodes are in flight and not yet
 * readable; a readable node runs on without holding a place. Nodes start in the order given when
 * several are ready. After the first failure no new node starts; those in flight finish. Returns
 * the names that failed.
 */
export async function runGraph(
  nodes: ReadonlyArray<{ readonly name: string; readonly inputs: readonly string[] }>,
  concurrency: number,
  run: (name: string, readable: () => void) => Promise<boolean>,
): Promise<string[]> {
  const inGraph = new Set(nodes.map((n) => n.name));
  const readableNames = new Set<string>();
  const started = new Set<string>();
  const failed: string[] = [];
  const inFlight = new Map<string, Promise<void>>();
  // Set when a node becomes readable, so that the loop looks for what may start now.
  let changed = false;
  let wake: () => void = () => {};

  const ready = () => nodes.filter((n) => !started.has(n.name) && n.inputs.every((i) => !inGraph.has(i) || readableNames.has(i)));
  const holding = () => [...inFlight.keys()].filter((name) => !readableNames.has(name)).length;

  for (;;) {
    changed = false;
    if (!failed.length) {
      for (const node of ready()) {
        if (holding() >= Math.max(1, concurrency)) break;
        started.add(node.name);
        const readable = () => {
          if (readableNames.has(node.name)) return;
          readableNames.add(node.name);
          changed = true;
          wake();
        };
        inFlight.set(
          node.name,
          run(node.name, readable).then((ok) => {
            inFlight.delete(node.name);
            if (ok) readable();
            else {
              readableNames.delete(node.name);
              failed.push(node.name);
            }
          }),
        );
      }
    }
    if (!inFlight.size) return failed;
    if (changed) continue;
    await Promise.race([...inFlight.values(), new Promise<void>((resolve) => (wake = resolve))]);
  }
}

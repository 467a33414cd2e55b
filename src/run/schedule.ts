/**
 * Runs the nodes of a graph with at most `concurrency` in flight, each after all of its inputs
 * that are part of the graph. Nodes start in the order given when several are ready. After the
 * first failure no new node starts; those in flight finish. Returns the names that failed.
 */
export async function runGraph(
  nodes: ReadonlyArray<{ readonly name: string; readonly inputs: readonly string[] }>,
  concurrency: number,
  run: (name: string) => Promise<boolean>,
): Promise<string[]> {
  const inGraph = new Set(nodes.map((n) => n.name));
  const done = new Set<string>();
  const started = new Set<string>();
  const failed: string[] = [];
  const inFlight = new Map<string, Promise<void>>();

  const ready = () =>
    nodes.filter((n) => !started.has(n.name) && n.inputs.every((i) => !inGraph.has(i) || done.has(i)));

  for (;;) {
    if (!failed.length) {
      for (const node of ready()) {
        if (inFlight.size >= Math.max(1, concurrency)) break;
        started.add(node.name);
        inFlight.set(
          node.name,
          run(node.name).then((ok) => {
            inFlight.delete(node.name);
            if (ok) done.add(node.name);
            else failed.push(node.name);
          }),
        );
      }
    }
    if (!inFlight.size) return failed;
    await Promise.race(inFlight.values());
  }
}

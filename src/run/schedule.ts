/**
 * Runs the nodes of a graph, each once all of its inputs that are part of the graph are readable:
 * a node says so with `readable()` before it is done (a dataset whose rows are written, while its
 * checks still run), or by finishing. At most `concurrency` nodes are in flight and not yet
 * readable; a readable node runs on without holding a place. Nodes start in the order given when
 * several are ready. After the first failure no new node starts; those in flight finish. Returns
 * the names that failed.
 *
 * A node may read an input that is readable but not yet done, and fail because of it: its
 * `upstreamPassed()` waits for every node upstream of it, directly or not, to end, and says
 * whether they all succeeded, so that a failure is blamed on its cause rather than on whichever
 * consequence of it ended first.
 */
export async function runGraph(
  nodes: ReadonlyArray<{ readonly name: string; readonly inputs: readonly string[] }>,
  concurrency: number,
  run: (name: string, readable: () => void, upstreamPassed: () => Promise<boolean>) => Promise<boolean>,
): Promise<string[]> {
  const inGraph = new Set(nodes.map((n) => n.name));
  const inputsOf = new Map(nodes.map((n) => [n.name, n.inputs.filter((i) => inGraph.has(i))]));
  // Each started node's outcome; a node starts only after its inputs, so every node upstream of
  // a started one has started too.
  const outcomes = new Map<string, Promise<boolean>>();
  const upstreamPassed = (name: string) => async () => {
    const upstream = new Set<string>();
    const walk = (n: string) => {
      for (const input of inputsOf.get(n) ?? []) {
        if (upstream.has(input)) continue;
        upstream.add(input);
        walk(input);
      }
    };
    walk(name);
    return (await Promise.all([...upstream].map((u) => outcomes.get(u)!))).every(Boolean);
  };
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
        const outcome = run(node.name, readable, upstreamPassed(node.name));
        outcomes.set(node.name, outcome);
        inFlight.set(
          node.name,
          outcome.then((ok) => {
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

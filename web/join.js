// A tab that hosts some nodes of a cluster whose scheduler runs in another
// tab: open the page as ?join=4,5&cluster=<name>. The nodes' workers then run
// here; closing this tab crashes them, as pulling the plug on a machine would.
//
// The hosts channel, quorum/<cluster>/hosts:
//   host -> scheduler: {kind:'offer', host, nodes}      (at start, and when asked)
//                      {kind:'leaving', host, nodes}    (the tab is closing)
//   scheduler -> host: {kind:'who'}                     (a scheduler (re)opened)
//                      {kind:'spawn', host, node, boot} / {kind:'terminate', host, node}
//                      {kind:'status', host, nowUs, nodes: [{node, status, here, fields}]}
//                        (every 500 ms: what the scheduler's mirror knows of them)
// An offer moves a node whose worker runs in the scheduler's tab: it restarts
// here from its disk (IndexedDB, shared by the origin's tabs).
import { hostsChannelName } from './channel.js';

// `show(running, status)`: the nodes whose workers run here, and the last
// status post (null before the first).
export function hostNodes(cluster, nodes, show) {
  const host = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(16)).join('');
  const channel = new BroadcastChannel(hostsChannelName(cluster));
  const workers = new Map();
  const offer = () => channel.postMessage({ kind: 'offer', host, nodes });
  let status = null;
  const refresh = () => show([...workers.keys()].sort((a, b) => a - b), status);
  channel.onmessage = ({ data }) => {
    if (data?.kind === 'who') offer();
    if (data?.kind === 'status' && data.host === host && Array.isArray(data.nodes)) {
      status = data;
      refresh();
      return;
    }
    if (data?.host !== host || !nodes.includes(data.node)) return;
    if (data.kind === 'spawn') {
      workers.get(data.node)?.terminate();
      const worker = new Worker(new URL('./node_worker.js', import.meta.url), { type: 'module', name: `quorum node ${data.node}` });
      worker.postMessage(data.boot);
      workers.set(data.node, worker);
    } else if (data.kind === 'terminate') {
      workers.get(data.node)?.terminate();
      workers.delete(data.node);
    }
    refresh();
  };
  addEventListener('pagehide', () => channel.postMessage({ kind: 'leaving', host, nodes }));
  offer();
  refresh();
  return host;
}

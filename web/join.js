// A tab that hosts some nodes of a cluster whose scheduler runs in another
// tab: open the page as ?join=4,5&cluster=<name>. The nodes' workers then run
// here; closing this tab crashes them, as pulling the plug on a machine would.
//
// The hosts channel, quorum/<cluster>/hosts:
//   host -> scheduler: {kind:'offer', host, nodes}      (at start, and when asked)
//                      {kind:'leaving', host, nodes}    (the tab is closing)
//   scheduler -> host: {kind:'who'}                     (a scheduler (re)opened)
//                      {kind:'spawn', host, node, boot} / {kind:'terminate', host, node}
import { hostsChannelName } from './channel.js';

export function hostNodes(cluster, nodes, show) {
  const host = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(16)).join('');
  const channel = new BroadcastChannel(hostsChannelName(cluster));
  const workers = new Map();
  const offer = () => channel.postMessage({ kind: 'offer', host, nodes });
  const refresh = () => show([...workers.keys()].sort((a, b) => a - b));
  channel.onmessage = ({ data }) => {
    if (data?.kind === 'who') offer();
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
}

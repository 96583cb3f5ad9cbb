// The BroadcastChannel transport of the workers runner: the channels' names
// and the checks every received envelope passes before anything acts on it.
//
// Two kinds of channel per cluster, so a worker wakes only for its own inputs:
//   quorum/<cluster>/node/<id>    scheduler -> node <id>: inputs
//   quorum/<cluster>/scheduler    nodes -> scheduler: booted, disk-failed, sent, rejected
// BroadcastChannel reaches every same-origin page and worker that opened the
// name, in every tab: that is what lets a second tab host some of the nodes.
//
// Envelopes (structured clones; `message` and `outputs` hold wire bytes):
//   inputs:  {kind:'inputs', token, incarnation, firstSeq,
//             items: [{nowUs, message: ArrayBuffer | null}, ...]}
//            (inputs firstSeq, firstSeq + 1, ...: every input the scheduler
//            made for one node in one turn travels in one post)
//   booted:  {kind:'booted', token, node, incarnation, loaded: ArrayBuffer}
//   sent:    {kind:'sent', token, node, incarnation, firstSeq, outputs: [ArrayBuffer, ...]}
//   disk-failed / rejected: {kind, token, node, incarnation, reason}
// `token` is a random string the scheduler makes per cluster run and hands to
// its workers when it starts them: posts from any other page or run do not
// carry it and are dropped.

export const schedulerChannelName = (cluster) => `quorum/${cluster}/scheduler`;
export const nodeChannelName = (cluster, node) => `quorum/${cluster}/node/${node}`;
// Tabs that host nodes for another tab's scheduler (web/join.js).
export const hostsChannelName = (cluster) => `quorum/${cluster}/hosts`;

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value) => Number.isSafeInteger(value) && value >= 0;

const isInputItem = (item) => isObject(item) && Number.isFinite(item.nowUs) && item.nowUs >= 0 &&
  (item.message === null || item.message instanceof ArrayBuffer);

// Why an envelope on a node's channel is not the inputs node `boot.node`
// expects next, or null if it is. All or nothing: one bad item drops the post.
export function checkInput(data, boot, nextSeq) {
  if (!isObject(data) || data.kind !== 'inputs') return 'not an input';
  if (data.token !== boot.token) return 'from another scheduler';
  if (data.incarnation !== boot.incarnation) return 'for another incarnation';
  if (!isCount(data.firstSeq) || !Array.isArray(data.items) || data.items.length === 0 ||
      !data.items.every(isInputItem)) return 'malformed input';
  if (data.firstSeq < nextSeq) return `replay of input ${data.firstSeq}`;
  if (data.firstSeq > nextSeq) return `input ${data.firstSeq} out of order (expected ${nextSeq})`;
  return null;
}

// Why an envelope on the scheduler's channel is malformed, or null. Whether
// it is expected (node, incarnation, sequence) is the scheduler's question.
export function checkReport(data, token, nodeCount) {
  if (!isObject(data)) return 'not an object';
  if (data.token !== token) return 'from another page or run';
  if (!Number.isInteger(data.node) || data.node < 1 || data.node > nodeCount) return 'unknown node id';
  if (!isCount(data.incarnation)) return 'malformed report';
  switch (data.kind) {
    case 'booted':
      return data.loaded instanceof ArrayBuffer ? null : 'malformed report';
    case 'sent':
      return isCount(data.firstSeq) && Array.isArray(data.outputs) && data.outputs.length > 0 &&
        data.outputs.every((output) => output instanceof ArrayBuffer) ? null : 'malformed report';
    case 'disk-failed':
    case 'rejected':
      return typeof data.reason === 'string' ? null : 'malformed report';
    default:
      return 'unknown kind';
  }
}

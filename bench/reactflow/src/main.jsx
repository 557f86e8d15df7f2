// The React Flow reference page of the benchmark: `?n=N` fetches
// /graph-N.json (written by `crates/core/examples/generated_graph.rs`, the
// same plan migraflow opens with `?generate=N`) and renders it with React
// Flow's defaults: default nodes labelled with the title and sized like
// migraflow's, every edge with its label and an arrowhead (rollbacks
// dashed), fit to view, draggable, every element rendered
// (onlyRenderVisibleElements off, React Flow's default).
//
// The benchmark's second React Flow setting adds three parameters, each
// optional (bench/README.md):
//   visible=1                  onlyRenderVisibleElements on;
//   view=X,Y,ZOOM              open at this viewport (screen = flow · ZOOM
//                              + (X, Y)) instead of fitting the graph;
//   pane=LEFT,TOP,WIDTH,HEIGHT place the flow at this rectangle of the
//                              window (CSS px) instead of filling it.
// With migraflow's canvas rectangle and opening viewport, the flow shows
// exactly the part of the graph that migraflow shows.
import { createRoot } from 'react-dom/client';
import { MarkerType, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const ARROW = { type: MarkerType.ArrowClosed };
const EDGE_STYLE = {
  forward: undefined,
  rollback: { strokeDasharray: '6 4' },
  validation: { strokeWidth: 2.5 },
};

// Our graph JSON (node centres) as React Flow nodes and edges (top-left
// positions).
function toFlow(graph) {
  const nodes = graph.nodes.map((node) => ({
    id: node.id,
    position: { x: node.x - node.width / 2, y: node.y - node.height / 2 },
    data: { label: node.title },
    style: { width: node.width, height: node.height },
  }));
  const edges = graph.edges.map((edge) => ({
    id: edge.id,
    source: edge.from,
    target: edge.to,
    label: edge.label || undefined,
    markerEnd: ARROW,
    style: EDGE_STYLE[edge.kind],
  }));
  return { nodes, edges };
}

// `count` comma-separated numbers from the query parameter `name`, or null
// when it is absent; throws on anything else.
function numbers(params, name, count) {
  const value = params.get(name);
  if (value === null) return null;
  const list = value.split(',').map(Number);
  if (list.length !== count || !list.every(Number.isFinite)) throw new Error(`bad ${name}=${value}`);
  return list;
}

function Flow({ initial, visible, view }) {
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  // React Flow's minimum zoom (0.5 by default) would clamp a smaller one.
  const placed = view && {
    defaultViewport: { x: view[0], y: view[1], zoom: view[2] },
    minZoom: Math.min(0.5, view[2]),
  };
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onlyRenderVisibleElements={visible}
      fitView={!view}
      {...placed}
    />
  );
}

function Page({ initial, visible, view, pane }) {
  const flow = <Flow initial={initial} visible={visible} view={view} />;
  if (!pane) return flow;
  const [left, top, width, height] = pane;
  return <div style={{ position: 'absolute', left, top, width, height }}>{flow}</div>;
}

const params = new URLSearchParams(location.search);
const n = params.get('n');
fetch(`/graph-${n}.json`)
  .then((response) => {
    if (!response.ok) throw new Error(`graph-${n}.json: HTTP ${response.status}`);
    return response.json();
  })
  .then((graph) => {
    const settings = {
      visible: params.get('visible') === '1',
      view: numbers(params, 'view', 3),
      pane: numbers(params, 'pane', 4),
    };
    createRoot(document.getElementById('root')).render(<Page initial={toFlow(graph)} {...settings} />);
  })
  .catch((error) => {
    document.getElementById('root').textContent = String(error);
  });

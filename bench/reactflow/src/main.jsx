// The React Flow reference page of the benchmark: `?n=N` fetches
// /graph-N.json (written by `crates/core/examples/generated_graph.rs`, the
// same plan migraflow opens with `?generate=N`) and renders it with React
// Flow's defaults: default nodes labelled with the title and sized like
// migraflow's, every edge with its label and an arrowhead (rollbacks
// dashed), fit to view, draggable, every element rendered
// (onlyRenderVisibleElements stays off, as migraflow draws everything too).
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

function Flow({ initial }) {
  const [nodes, , onNodesChange] = useNodesState(initial.nodes);
  const [edges, , onEdgesChange] = useEdgesState(initial.edges);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      fitView
    />
  );
}

const n = new URLSearchParams(location.search).get('n');
fetch(`/graph-${n}.json`)
  .then((response) => {
    if (!response.ok) throw new Error(`graph-${n}.json: HTTP ${response.status}`);
    return response.json();
  })
  .then((graph) => createRoot(document.getElementById('root')).render(<Flow initial={toFlow(graph)} />))
  .catch((error) => {
    document.getElementById('root').textContent = String(error);
  });

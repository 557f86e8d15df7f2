// React Flow's minimal app, for the bundle-size comparison only: one flow,
// two nodes, one edge, draggable, with the library's stylesheet.
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const NODES = [
  { id: '1', position: { x: 0, y: 0 }, data: { label: 'Hello' } },
  { id: '2', position: { x: 0, y: 100 }, data: { label: 'World' } },
];
const EDGES = [{ id: 'e1-2', source: '1', target: '2' }];

function Flow() {
  const [nodes, , onNodesChange] = useNodesState(NODES);
  const [edges, , onEdgesChange] = useEdgesState(EDGES);
  return <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} fitView />;
}

createRoot(document.getElementById('root')).render(<Flow />);

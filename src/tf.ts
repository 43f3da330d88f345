// TensorFlow.js as textdream uses it: the core ops, the layers API and the
// pure-JS cpu backend. Importing these instead of the "@tensorflow/tfjs"
// bundle skips the WebGL backend, the graph-model converter and the data
// API, which a Node.js command line never uses and which cost about 0.15 s
// of start-up.
import "@tensorflow/tfjs-backend-cpu";

export * from "@tensorflow/tfjs-core";
export * from "@tensorflow/tfjs-layers";
